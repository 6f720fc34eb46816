import { OPEN_STATUSES } from './task-access.js';
import type { TaskRepo } from './task-repo.js';

/** A first step small enough to start now: at most this many minutes, no decisions needed. */
export const STARTER_MINUTES = 2;

/** `minutes` is null for a saved step without an estimate. */
export type FirstStep = { title: string; minutes: number | null };

// Ordered: the first pattern that matches the title wins, so more specific kinds come before general ones.
const starters: [RegExp, string][] = [
  [/\b(e-?mail|reply|respond|inbox|message|text)\b/i, 'Open the message and write the first line of a reply'],
  [
    /\b(call|phone|ring|book|appointment|schedule)\b/i,
    'Find the number or booking page and put it on screen',
  ],
  [/\b(pay|bill|invoice|tax|taxes|budget|bank)\b/i, 'Open the bill or your banking app, just to look'],
  [
    /\b(write|draft|essay|report|thesis|paper|article|post|letter|cv|resume|document|slides?)\b/i,
    'Open the document and write one sentence',
  ],
  [/\b(read|study|review|revise|learn|homework)\b/i, 'Open it and read the first paragraph'],
  [
    /\b(clean|tidy|wash|dishes|laundry|vacuum|declutter|sort|organi[sz]e)\b/i,
    'Set a 2-minute timer and clear one small surface',
  ],
  [/\b(buy|shop|shopping|order|groceries)\b/i, 'Write down the first three things you need'],
  [/\b(fix|repair|install|set ?up|update|upgrade)\b/i, 'Get out what you need and put it in front of you'],
  [/\b(exercise|workout|run|walk|gym|stretch|yoga)\b/i, 'Put on your shoes or lay out your mat'],
  [/\b(plan|prepare|prep|think)\b/i, 'Write one line: what would done look like?'],
];

const subjectOf = (title: string): string => title.trim().replace(/\s+/g, ' ').slice(0, 80);

/**
 * A deterministic two-minute starter for a task without steps: used when no assistant chain is available, and as
 * the "first tiny step" of a suggestion. It only opens the door; nothing to decide or plan.
 */
export const starterStep = (title: string): FirstStep => {
  const subject = subjectOf(title);
  // The leading verb says most ("Pay the phone bill" is about paying), so it is matched on its own first.
  const verb = subject.split(' ')[0] ?? '';
  const match =
    starters.find(([pattern]) => pattern.test(verb)) ?? starters.find(([pattern]) => pattern.test(subject));
  const text = match ? match[1] : `Set a 2-minute timer and get out what you need for "${subject}"`;
  return { title: text, minutes: STARTER_MINUTES };
};

/** The first open step (subtask) of a task in the person's order, if it has one. */
export const firstOpenSubtask = async (
  deps: { tasks: TaskRepo },
  userId: string,
  taskId: string,
): Promise<(FirstStep & { stepId: string }) | null> => {
  const [step] = await deps.tasks.find(
    userId,
    { parentId: taskId, deletedAt: null, status: { $in: OPEN_STATUSES } },
    { sort: { position: 1, createdAt: 1, _id: 1 }, limit: 1 },
  );
  return step ? { stepId: step._id, title: step.title, minutes: step.estimateMinutes } : null;
};
