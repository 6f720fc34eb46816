import type { Understanding } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';
import { chatKindOf, chatReply, clarifyQuestion, offerLine, ventKindOf, ventReply } from './warmth.js';
import { plannedCalls } from './planned-call.js';

export type ConversationPlan = { calls: PlannedCall[]; notes: string[] };
type Context = { available: ReadonlySet<string> };

const call = plannedCalls('c');
const task = (words: string | null, more: Partial<NonNullable<PlannedCall['lookup']>> = {}) => ({
  lookup: { kind: 'task' as const, words, ...more },
});

/** Feelings first: a warm line, the mood kept (their own words as the note), and for overwhelm one small step. */
const planVent = (text: string, understanding: Understanding, { available }: Context): ConversationPlan => {
  const lower = understanding.normalizedText;
  const kind = ventKindOf(lower);
  const { mood, energy, note } = understanding.slots;
  const args: Record<string, unknown> = { mood: mood ?? 2, energy: energy ?? 3 };
  if (note ?? text) args.note = (note ?? text).slice(0, 500);
  const calls = [call('log_mood', args, { quiet: true })];
  const notes = [ventReply[kind]];
  if (kind === 'overwhelm' && available.has('suggest_next_task')) {
    calls.push(call('suggest_next_task', { mood: Math.min(2, mood ?? 2) }));
    notes.push(offerLine);
  }
  return { calls, notes };
};

/**
 * Basic mode's plan for what is not a single task command (issue 15): feelings, chatter, looking back, changing,
 * removing or reopening a task, focus blocks, recall, the reward store, and a question when unsure. Null for the
 * intents plan-calls handles itself.
 */
export const planConversation = (
  text: string,
  understanding: Understanding,
  context: Context,
): ConversationPlan | null => {
  const { intent, slots, normalizedText: lower } = understanding;
  switch (intent) {
    case 'vent':
      return planVent(text, understanding, context);
    case 'chat':
      return { calls: [], notes: [chatReply[chatKindOf(lower)]] };
    case 'review_day':
      return context.available.has('review_day')
        ? { calls: [call('review_day')], notes: [] }
        : { calls: [call('list_tasks', { status: ['done'], limit: 10, sort: 'updated' })], notes: [] };
    case 'delete_task':
      return { calls: [call('delete_task', {}, task(slots.taskRef))], notes: [] };
    case 'reopen_task':
      return {
        calls: [call('reopen_task', {}, task(slots.taskRef, { status: ['done', 'archived'] }))],
        notes: [],
      };
    case 'rename_task':
      return slots.title
        ? {
            calls: [
              call('update_task', { changes: { title: slots.title.slice(0, 200) } }, task(slots.taskRef)),
            ],
            notes: [],
          }
        : { calls: [], notes: ['What should the new name be? Say "rename it to …".'] };
    case 'focus':
      return {
        calls: [call('start_focus_session', { plannedMinutes: Math.min(240, slots.durationMinutes ?? 25) })],
        notes: [],
      };
    case 'end_focus':
      return { calls: [call('end_focus_session', { outcome: 'completed' })], notes: [] };
    case 'recall':
      return slots.memory
        ? { calls: [call('recall', { query: slots.memory, limit: 3 })], notes: ['Here is what I remember:'] }
        : { calls: [call('list_memories', { limit: 10 })], notes: [] };
    case 'mood_patterns':
      return { calls: [call('get_mood_patterns', { days: 30 })], notes: [] };
    case 'rewards':
      return { calls: [call('list_rewards')], notes: ['Here is your reward store:'] };
    case 'unknown': {
      const { question, title } = clarifyQuestion(text);
      // A short phrase is most likely something to do: one yes adds it; anything else lets the question lapse.
      return title
        ? { calls: [call('create_task', { title }, { ask: question })], notes: [] }
        : { calls: [], notes: [question] };
    }
    default:
      return null;
  }
};
