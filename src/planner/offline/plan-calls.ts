import {
  reminderClockFrom,
  reminderOffsetsFrom,
  reminderTimeFrom,
  type TaskDraft,
  type Understanding,
} from '../../agents/index.js';
import type { IncomingMessage } from '../conversation-types.js';
import { toSingleLine } from '../../shared/index.js';
import type { AwaitingReminderTime, PlannedCall } from '../graph/state.js';
import { flowOf } from './flows.js';
import { planConversation } from './plan-conversation.js';
import { planEmail } from './plan-email.js';
import { planReference } from './references.js';
import { helpText } from './templates.js';
import { plannedCalls } from './planned-call.js';

export type OfflinePlan = {
  calls: PlannedCall[];
  notes: string[];
  /** Set when the plan asks when to remind: the next message may answer it. */
  awaitingTime?: AwaitingReminderTime;
};

const call = plannedCalls();
const task = (words: string | null) => ({ lookup: { kind: 'task' as const, words } });

const localDate = (now: Date, timezone: string, offsetDays = 0): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now.getTime() + offsetDays * 86_400_000));

/** A button press maps straight to its tool; the ids are checked by the tools against the person's own data. */
export const planAction = (message: Extract<IncomingMessage, { action: unknown }>): OfflinePlan => {
  const { action } = message;
  switch (action.type) {
    case 'complete_task':
      return { calls: [call('complete_task', { taskId: action.taskId })], notes: [] };
    case 'snooze_task':
      return { calls: [call('snooze_task', { taskId: action.taskId, minutes: action.minutes })], notes: [] };
    case 'break_down':
      return { calls: [call('break_down_task', { taskId: action.taskId })], notes: [] };
    case 'start_task':
      return { calls: [call('start_task', { taskId: action.taskId })], notes: [] };
    case 'confirm':
    case 'cancel':
      // Answered by the confirmation step; a stale token lands here.
      return {
        calls: [],
        notes: ["That question has expired, so I didn't change anything. What would you like to do?"],
      };
  }
};

export const planProof = (message: Extract<IncomingMessage, { proof: unknown }>): OfflinePlan => {
  const { proof } = message;
  const caption = proof.text ? { text: proof.text } : {};
  const evidence = proof.imageId
    ? { kind: 'image', imageId: proof.imageId, ...caption }
    : proof.imageDataUrl
      ? { kind: 'image', imageUrl: proof.imageDataUrl, ...caption }
      : { kind: 'text', text: proof.text };
  return { calls: [call('validate_proof', { taskId: proof.taskId, evidence })], notes: [] };
};

/**
 * Basic mode's decision: the understanding of a text becomes the same tool calls the LLM would make, so acting and
 * answering are shared. `available` is the set of tool names this person's gateway offers.
 */
export const planText = (
  text: string,
  understanding: Understanding,
  { now, timezone, available }: { now: Date; timezone: string; available: ReadonlySet<string> },
): OfflinePlan => {
  const { intent, slots } = understanding;
  // "save those", "delete that one", "make it tomorrow at 11": the task last talked about, before any new request
  const reference = planReference(text, understanding);
  if (reference)
    return { calls: reference.calls.map((c) => call(c.name, c.args, c)), notes: reference.notes };
  // "start a 25 minute focus session" is a focus block, not start mode on a task called "a 25 minute focus session"
  const flow = intent === 'focus' ? null : flowOf(text, intent === 'what_now');
  if (flow) {
    switch (flow.flow) {
      case 'review_day':
        return available.has('review_day')
          ? { calls: [call('review_day')], notes: [] }
          : { calls: [call('list_tasks', { status: ['done'], limit: 10, sort: 'updated' })], notes: [] };
      case 'fresh_start':
        return {
          calls: [
            call('list_tasks', { overdue: true, limit: 10 }),
            call('fresh_start', { action: 'reschedule', perDay: 3 }),
          ],
          notes: ['Welcome back! No catching up needed: we start from today.'],
        };
      case 'what_now': {
        const args: Record<string, unknown> = {};
        if (flow.minutes) args.availableMinutes = flow.minutes;
        if (flow.energy) args.energy = flow.energy;
        if (flow.mood) args.mood = flow.mood;
        return available.has('suggest_next_task')
          ? { calls: [call('suggest_next_task', args)], notes: [] }
          : { calls: [call('list_tasks', { limit: 1 })], notes: [] };
      }
      case 'start_task':
        return { calls: [call('start_task', {}, task(flow.words))], notes: [] };
    }
  }

  const conversation = planConversation(text, understanding, { available });
  if (conversation) return conversation;

  switch (intent) {
    case 'create_task':
      return planCreate(
        text,
        slots.tasks.length > 0 ? slots.tasks : [draftOf(slots.title, slots.when)],
        now,
        timezone,
      );
    case 'list_tasks': {
      const filter = slots.listFilter;
      const args: Record<string, unknown> = { topLevel: true, limit: 10 };
      if (filter === 'today') args.dueOn = localDate(now, timezone);
      if (filter === 'tomorrow') args.dueOn = localDate(now, timezone, 1);
      if (filter === 'overdue') args.overdue = true;
      return { calls: [call('list_tasks', args)], notes: [] };
    }
    case 'complete_task':
      return { calls: [call('complete_task', {}, task(slots.taskRef))], notes: [] };
    case 'snooze':
      return {
        calls: [call('snooze_task', { minutes: slots.durationMinutes ?? 15 }, task(slots.taskRef))],
        notes: [],
      };
    case 'reschedule': {
      if (slots.recurrence !== undefined) {
        // a repeat starts from a due: the one the words gave, or the task's own
        const changes: Record<string, unknown> = { recurrence: slots.recurrence };
        if (slots.when?.time) Object.assign(changes, { dueAt: slots.when.at, dueDate: null });
        else if (slots.when) Object.assign(changes, { dueDate: slots.when.date, dueAt: null });
        return { calls: [call('update_task', { changes }, task(slots.taskRef))], notes: [] };
      }
      if (!slots.when)
        return { calls: [], notes: ['To when? Say a day or time, like "move it to Friday at 10".'] };
      const changes = slots.when.time
        ? { dueAt: slots.when.at, dueDate: null }
        : { dueDate: slots.when.date, dueAt: null };
      return { calls: [call('update_task', { changes }, task(slots.taskRef))], notes: [] };
    }
    case 'log_mood': {
      const args: Record<string, unknown> = { mood: slots.mood ?? 3, energy: slots.energy ?? 3 };
      if (slots.note) args.note = slots.note;
      return { calls: [call('log_mood', args)], notes: [] };
    }
    case 'break_down':
      return {
        calls: [
          call('break_down_task', slots.granularity ? { granularity: slots.granularity } : {}, {
            // the headline feature works before the task is saved: it is added, and its steps kept
            lookup: { kind: 'task', words: slots.taskRef, orCreate: { args: { save: true } } },
          }),
        ],
        notes: [],
      };
    case 'motivate':
      return { calls: [call('get_motivation')], notes: [] };
    case 'points':
      // The latest gain is enough to word "how many points?"; each ledger entry is ~50 tokens a model reads.
      return { calls: [call('get_points', { limit: 1 })], notes: [] };
    case 'redeem':
      return slots.reward
        ? {
            calls: [call('redeem_reward', {}, { lookup: { kind: 'reward', words: slots.reward } })],
            notes: [],
          }
        : { calls: [call('list_rewards')], notes: ['Which reward would you like? Here is your store.'] };
    case 'remember':
      return slots.memory
        ? { calls: [call('remember', { text: slots.memory.slice(0, 1000) })], notes: [] }
        : { calls: [], notes: ['What should I remember? Say it in a sentence.'] };
    case 'forget':
      return slots.memory
        ? { calls: [call('forget', {}, { lookup: { kind: 'memory', words: slots.memory } })], notes: [] }
        : { calls: [], notes: ['What should I forget? Tell me in a few words.'] };
    case 'plan_day':
      return {
        calls: [call('plan_day', slots.when ? { date: slots.when.date } : {})],
        notes: [],
      };
    case 'what_now':
      return { calls: [call('suggest_next_task')], notes: [] };
    case 'help':
      return { calls: [], notes: [helpText] };
    case 'email_address':
      return planEmail(text);
    default:
      // every other intent was planned by planConversation above
      return { calls: [], notes: [helpText] };
  }
};

const draftOf = (title: string | null, when: TaskDraft['when']): TaskDraft => ({
  title,
  when,
  recurrence: null,
  reminders: [],
  needsTime: false,
  estimateMinutes: null,
});

const createArgs = (draft: TaskDraft, fallbackTitle: string): Record<string, unknown> => {
  // Chat text may hold line breaks and stray control characters; a title may not, so they become spaces.
  const args: Record<string, unknown> = { title: toSingleLine(draft.title ?? fallbackTitle).slice(0, 200) };
  if (draft.when) {
    if (draft.when.time) args.dueAt = draft.when.at;
    else args.dueDate = draft.when.date;
  }
  if (draft.recurrence) args.recurrence = draft.recurrence;
  if (draft.reminders.length > 0) args.reminders = draft.reminders;
  if (draft.estimateMinutes) args.estimateMinutes = draft.estimateMinutes;
  return args;
};

/** One create_task per task asked for; "remind me to X" with no time asks when instead of guessing. */
const planCreate = (text: string, drafts: TaskDraft[], now: Date, timezone: string): OfflinePlan => {
  // "remind me about it an hour before": a reminder for the task just talked about, not a new task
  const { clock, rest } = reminderClockFrom(text);
  const offsets = reminderOffsetsFrom(rest).offsets;
  if (
    (offsets.length > 0 || clock) &&
    drafts.length === 1 &&
    !drafts[0]!.title &&
    /\b(?:it|that|this|that one|this one)\b/i.test(text)
  ) {
    const lookup = { ...task(null).lookup, ...(clock ? { reminderClock: { ...clock, timezone } } : {}) };
    return { calls: [call('update_task', { changes: { reminders: offsets } }, { lookup })], notes: [] };
  }
  const titles = drafts.filter((d) => d.needsTime && d.title).map((d) => d.title!.slice(0, 200));
  if (titles.length > 0 && titles.length === drafts.length) {
    const what = titles.map((t) => `${t.charAt(0).toLowerCase()}${t.slice(1)}`);
    const listed = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0];
    return {
      calls: [],
      notes: [`When should I remind you to ${listed}?`],
      awaitingTime: { titles, askedAt: now.toISOString() },
    };
  }
  return { calls: drafts.map((d) => call('create_task', createArgs(d, text))), notes: [] };
};

/** How long "When should I remind you?" stays open for its answer. */
export const AWAITING_TIME_TTL_MS = 30 * 60_000;

/**
 * The answer to "When should I remind you?": a time ("at 5", "tomorrow 9am") creates the task with its reminder;
 * anything else is a new request (null), and the question lapses.
 */
export const planAwaitedTime = (
  text: string,
  awaiting: AwaitingReminderTime,
  { now, timezone }: { now: Date; timezone: string },
): OfflinePlan | null => {
  if (now.getTime() - Date.parse(awaiting.askedAt) >= AWAITING_TIME_TTL_MS) return null;
  const when = reminderTimeFrom(text, now, timezone);
  if (!when) return null;
  return {
    calls: awaiting.titles.map((title) =>
      call('create_task', createArgs({ ...draftOf(title, when), reminders: [0] }, title)),
    ),
    notes: [],
  };
};
