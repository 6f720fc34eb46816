import { scoreIntents, type Intent } from './intents.js';
import { normalizeText } from './normalize.js';
import type { Slots, Understanding } from './schema.js';
import {
  granularityFrom,
  listFilterFrom,
  memoryFrom,
  moodFrom,
  parseDuration,
  rewardFrom,
  taskRefFrom,
} from './slots.js';
import { repeatChangeFrom, taskDraftsFrom } from './task-drafts.js';
import { parseWhen } from './when.js';

export type UnderstandOptions = { now: Date; timezone: string };

const MAX_SCORE = 8;
/** The understanding reads at most this much of a message: a request is in its first words, and every pattern's
 * cost is bounded by its input (issue 14: one message must never stall the server). */
export const UNDERSTAND_MAX_CHARS = 1_000;
export const UNDERSTAND_MAX_WORDS = 150;

/** The part of a message the rules read: the first words, up to both bounds. */
export const boundedText = (text: string): string => {
  const head = text.slice(0, UNDERSTAND_MAX_CHARS);
  const words = head.split(/\s+/);
  return words.length > UNDERSTAND_MAX_WORDS ? words.slice(0, UNDERSTAND_MAX_WORDS).join(' ') : head;
};

/** "snooze 10", "remind me again in 5": a bare number in a snooze means minutes. */
const bareMinutes = (lower: string): number | null => {
  const match = /\b(?:snooze|in|it|that|for)\s+(\d{1,3})\s*$/.exec(lower.replace(/[.!?]+$/, ''));
  return match ? Number(match[1]) : null;
};

/** "rename X to Y", "change the name of X to Y", "call it Y": the task's words and its new title. */
const renameFrom = (display: string): { from: string | null; to: string | null } => {
  const text = display.trim().replace(/[.!]+$/, '');
  const lead = /^(?:please\s+)?(?:rename|change (?:the )?(?:name|title) of)\s+/i.exec(text);
  if (lead) {
    const rest = text.slice(lead[0].length);
    // the new name follows the last " to " ("rename go to gym to gym session")
    const lower = rest.toLowerCase();
    const cut = Math.max(lower.lastIndexOf(' to '), lower.lastIndexOf(' as '));
    if (cut > 0)
      return { from: rest.slice(0, cut).replace(/^(?:the )?task\s+/i, ''), to: rest.slice(cut + 4).trim() };
  }
  const it = /^(?:please\s+)?(?:rename it|call it|change (?:the )?(?:name|title) to)\s+(\S.*)$/i.exec(text);
  return { from: null, to: it?.[1] ?? null };
};

const emptySlots = (): Slots => ({
  title: null,
  taskRef: null,
  when: null,
  durationMinutes: null,
  mood: null,
  energy: null,
  note: null,
  reward: null,
  memory: null,
  granularity: null,
  listFilter: null,
  tasks: [],
});

/**
 * Basic mode's understanding of a message: rules over normalised text pick the intent, chrono reads dates and
 * times in the person's zone, and each intent gets the slots it needs. Deterministic for a given `now`.
 */
export const understand = (text: string, { now, timezone }: UnderstandOptions): Understanding => {
  const { lower, display } = normalizeText(boundedText(text));
  const scores = scoreIntents(lower);
  // "move X from today to friday": the new date is the last one named
  const parsed = parseWhen(display, now, timezone, scores[0]?.intent === 'reschedule' ? 'last' : 'first');
  let intent: Intent = scores[0]?.intent ?? 'unknown';
  let score = scores[0]?.score ?? 0;
  // A message with a date and some other words, and no command we know, is most likely something to do.
  if (
    scores.length === 0 &&
    parsed &&
    lower.replace(parsed.matchedText.toLowerCase(), '').trim().length > 0
  ) {
    intent = 'create_task';
    score = 3;
  }

  const slots = emptySlots();
  const matched = parsed?.matchedText ?? null;
  switch (intent) {
    case 'create_task':
      slots.tasks = taskDraftsFrom(display, now, timezone);
      slots.title = slots.tasks[0]?.title ?? null;
      slots.when = slots.tasks[0]?.when ?? null;
      break;
    case 'complete_task':
    case 'break_down':
    case 'motivate':
      slots.taskRef = taskRefFrom(intent, display, matched);
      if (intent === 'break_down') slots.granularity = granularityFrom(lower);
      break;
    case 'snooze':
      slots.taskRef = taskRefFrom(intent, display, matched);
      slots.durationMinutes = parseDuration(lower) ?? bareMinutes(lower);
      break;
    case 'delete_task':
    case 'reopen_task':
      slots.taskRef = taskRefFrom(intent, display, matched);
      break;
    case 'rename_task': {
      const { from, to } = renameFrom(display);
      slots.taskRef = from && !/^(?:it|that|this|that one|this one)$/i.test(from) ? from : null;
      const renamed = to?.replace(/^["'“”]+|["'“”]+$/g, '').trim();
      // titles start with a capital, like the ones basic mode adds
      slots.title = renamed ? renamed.charAt(0).toUpperCase() + renamed.slice(1) : null;
      break;
    }
    case 'vent': {
      const { mood, energy } = moodFrom(lower);
      Object.assign(slots, { mood, energy, note: text.trim().slice(0, 500) });
      break;
    }
    case 'focus':
      slots.durationMinutes = parseDuration(lower);
      break;
    case 'recall':
      // "what do you remember about me" asks for everything; other questions name a topic
      slots.memory = /\b(?:about me|remembered|saved|noted|learned|memories)\b/.test(lower)
        ? null
        : display.trim().slice(0, 300);
      break;
    case 'what_now':
      slots.durationMinutes = parseDuration(lower);
      slots.energy = moodFrom(lower).energy;
      break;
    case 'reschedule': {
      const change = repeatChangeFrom(display, now, timezone);
      if (change) Object.assign(slots, change);
      else {
        slots.taskRef = taskRefFrom(intent, display, matched);
        slots.when = parsed?.when ?? null;
      }
      break;
    }
    case 'log_mood': {
      const { mood, energy } = moodFrom(lower);
      Object.assign(slots, { mood, energy, note: text.trim().slice(0, 500) });
      break;
    }
    case 'list_tasks':
      slots.listFilter = listFilterFrom(lower);
      break;
    case 'plan_day':
      slots.when = parsed?.when ?? null;
      break;
    case 'redeem':
      slots.reward = rewardFrom(display);
      break;
    case 'remember':
    case 'forget':
      slots.memory = memoryFrom(display);
      break;
    default:
      break;
  }

  return {
    intent,
    confidence: Math.min(1, score / MAX_SCORE),
    slots,
    alternatives: scores
      .slice(1, 4)
      .map((s) => ({ intent: s.intent, confidence: Math.min(1, s.score / MAX_SCORE) })),
    normalizedText: lower,
  };
};
