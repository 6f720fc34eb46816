import type { Understanding } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';

/** A short reply that points back at what was just talked about, as the calls it stands for (null: not one). */
export type ReferencePlan = { calls: Array<Omit<PlannedCall, 'id'>>; notes: string[] };

const lastTask = { lookup: { kind: 'task' as const, words: null } };
const lead = String.raw`^(?:(?:ok(?:ay)?|yes|yep|yeah|sure|great|nice|cool|perfect|wait|actually|no|never ?mind|looks good|those work|sounds good)[,.!]?\s+)*`;

// "looks good, save those", "keep those", "perfect, save them": the steps just proposed become the task's steps
const saveSteps = new RegExp(
  `${lead}(?:please\\s+)?(?:save|keep|use|add)\\s+(?:those|them|these|the steps|those steps|these steps)\\b[^?:\\n]*$`,
);
// "ok I did the first step": a step of the task last talked about (resolved by the lookup's step words)
const stepDone =
  /\bi (?:did|finished|completed|have done|'ve done|ve done) (the (?:first|1st|second|2nd|third|3rd|next|last) (?:step|bit|part))\b/;
// "actually make it tomorrow at 11": the task last talked about gets the new time
const moveIt = new RegExp(`${lead}(?:make|change|move|set|put|push) (?:it|that|that one|this) (.+)$`);
// ...when the rest is a time and nothing else: "make it every day at 9" repeats it, "make it 30 minutes" is its
// length, "make that a reminder at 5" is a reminder, and none of them is a move
const REPEATING =
  /\b(?:every|each|daily|weekly|monthly|yearly|annually|fortnightly|weekdays|weekends|repeat\w*|recurring)\b/;
const LENGTH = /^\d+\s*(?:minutes?|mins?|hours?|hrs?)$/;
const TIME_WORD =
  /^(?:to|for|at|on|by|until|till|the|next|this|instead|please|then|morning|afternoon|evening|night|tonight|noon|midnight|am|pm|o'clock|\d{1,2}(?::\d{2})?(?:am|pm)?)$/;
const onlyATime = (rest: string, timeText: string): boolean =>
  !REPEATING.test(rest) &&
  !LENGTH.test(rest) &&
  rest
    .replace(timeText.toLowerCase(), ' ')
    .split(/\s+/)
    .every((word) => word === '' || TIME_WORD.test(word));
// "never mind, delete that one": the task last talked about (the tool asks first)
const deleteIt = new RegExp(
  `${lead}(?:please\\s+)?(?:delete|remove|drop|scrap|trash|bin|get rid of) (?:it|that|this|that one|this one|that task)[.!]*$`,
);
// "ok let's start it"
const startIt = new RegExp(
  `${lead}(?:(?:let's|lets|let me|i'll|i will|i'm going to|time to)\\s+)?start (?:it|that|this|that one|this one|on it|on that)(?: now)?[.!]*$`,
);
// "wait, bring call grandma back", "undo that delete", "restore call grandma"
const restore = /\b(?:bring (.+) back|restore (.+)|undelete (.+)|get (.+) back)$/;

/** What a reply that refers to the last task ("it", "those", "the first step") asks for, or null. */
export const planReference = (text: string, understanding: Understanding): ReferencePlan | null => {
  const lower = text
    .toLowerCase()
    .replace(/’/g, "'")
    .trim()
    .replace(/[.!]+$/, '');
  if (saveSteps.test(lower))
    return { calls: [{ name: 'break_down_task', args: { save: true }, ...lastTask }], notes: [] };
  const step = stepDone.exec(lower);
  if (step) {
    return {
      calls: [{ name: 'complete_task', args: {}, lookup: { kind: 'task', words: step[1]! } }],
      notes: [],
    };
  }
  if (deleteIt.test(lower)) return { calls: [{ name: 'delete_task', args: {}, ...lastTask }], notes: [] };
  if (startIt.test(lower)) return { calls: [{ name: 'start_task', args: {}, ...lastTask }], notes: [] };
  const when = understanding.slots.when;
  const moved = moveIt.exec(lower)?.[1];
  if (moved && when && onlyATime(moved, when.text)) {
    const changes = when.time ? { dueAt: when.at, dueDate: null } : { dueDate: when.date, dueAt: null };
    return { calls: [{ name: 'update_task', args: { changes }, ...lastTask }], notes: [] };
  }
  const back = restore.exec(lower);
  if (back) {
    const words = (back[1] ?? back[2] ?? back[3] ?? back[4])!.replace(/^(?:the task |task )/, '').trim();
    const ref = /^(?:it|that|that one|this)$/.test(words) ? null : words;
    return {
      calls: [{ name: 'restore_task', args: {}, lookup: { kind: 'task', words: ref, deleted: true } }],
      notes: [],
    };
  }
  return null;
};
