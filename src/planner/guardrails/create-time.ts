// A small model adds a task well but does date arithmetic badly: the 1.5B local model, told "it is now
// 2026-12-06T23:58Z" for a person in Berlin (already the 7th there), made "remind me to call mom tomorrow at 5pm" due
// on the 7th, titled "Call mom tomorrow at 5pm", with no reminder. When the rules read the message as exactly one new
// task with a time, the model's one create_task gets the rules' time (parsed in the person's time zone), a title
// without the time words, and the reminder the words asked for when the model set none.
import type { Understanding } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';
import { subjectWords } from './grounded-title.js';

/** A word that joined the time to the title ("call mom at 5pm", "pay rent by friday"), left dangling once it goes. */
const DANGLING_WORD = /\s(?:at|on|by|for|before|until)$/i;
const DANGLING_MARKS = /[\s,;:–-]+$/;

/** The title without the time words, or as it was when they are not in it (or nothing else would be left). */
export const titleWithoutTime = (title: string, timeWords: string): string => {
  const at = title.toLowerCase().indexOf(timeWords.toLowerCase());
  if (at < 0 || !timeWords.trim()) return title;
  const rest = `${title.slice(0, at)} ${title.slice(at + timeWords.length)}`
    .replace(/\s{2,}/g, ' ')
    .replace(DANGLING_MARKS, '')
    .replace(DANGLING_WORD, '')
    .replace(DANGLING_MARKS, '')
    .replace(/^[\s,;:–-]+/, '')
    .trim();
  return rest.length >= 2 ? rest : title;
};

/**
 * Words that may say when without the rules reading a date in them ("asap", "end of the month", "this weekend"), and
 * digits: a message with any of them keeps the model's timing.
 */
const MAYBE_TIMED =
  /\d|\b(?:asap|soon|later|today|tonight|tomorrow|morning|afternoon|evening|night|noon|midnight|week|weekend|month|year|end of|eod|eow|eom|before|after|until|till|by|due|deadline|next|this|every|daily|weekly|monthly)\b/i;

/**
 * The model's one new task without the due time and reminders it made up, when the person gave none: the 1.5B local
 * model made "add clean out the fridge" due at 10 the next day, a reminder the person never asked for.
 */
const untimed = (calls: PlannedCall[], text: string): PlannedCall[] => {
  if (MAYBE_TIMED.test(text)) return calls;
  const made = (call: PlannedCall) =>
    call.name === 'create_task' &&
    ['dueAt', 'dueDate', 'reminders', 'recurrence'].some((k) => k in call.args);
  if (!calls.some(made)) return calls;
  return calls.map((call) => {
    if (!made(call)) return call;
    const {
      dueAt: _dueAt,
      dueDate: _dueDate,
      reminders: _reminders,
      recurrence: _recurrence,
      ...args
    } = call.args;
    return { ...call, args };
  });
};

/** Words that say when or how often: a title holding one still has its schedule in it. */
const SCHEDULE_WORDS =
  /\d|\b(?:every|each|daily|weekly|monthly|yearly|weekdays?|weekends?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|mornings?|evenings?|nights?|noon)\b/i;

type RepeatDraft = Understanding['slots']['tasks'][number] & {
  when: NonNullable<Understanding['slots']['tasks'][number]['when']>;
  recurrence: string;
};

/** The subject of a title as word stems, without its schedule ("Drink water every day at 11": drin, wate). */
const subjectOf = (title: string): Set<string> =>
  new Set(
    subjectWords(title)
      .filter((word) => !SCHEDULE_WORDS.test(word) && word !== 'other')
      .map((word) => word.slice(0, 4)),
  );

/**
 * True when two titles name the same thing: at least half of the words of both are shared. The rules read
 * "every weekday at 8 remind me to take meds, and my thesis is due in 3 weeks" as one task, titled with both.
 */
const sameSubject = (a: string, b: string): boolean => {
  const [left, right] = [subjectOf(a), subjectOf(b)];
  const shared = [...left].filter((word) => right.has(word)).length;
  return shared > 0 && shared * 2 >= new Set([...left, ...right]).size;
};

/**
 * The model's one new task repeating as the person said: the 1.5B local model made "every weekday at 8 take meds" a
 * single task at 4:00 (8:00 Berlin read as UTC, then shifted), kept "every day at 11" in "Drink water every day at
 * 11", and set no repeat rule in 9 of the 15 such scenarios. When the model set none and its task is the one the rules
 * read (see sameSubject), the rules' rule, first time and (when the model's title still holds the schedule) title
 * replace the model's; its other fields, and reminders it chose, stay. So they do when the model set a rule but left
 * the schedule in the title ("Water the plants weekly on Saturdays at 10am", at 6:00; "Recycling out every other
 * thursday at 7pm", weekly). A rule of the model's own with a clean title is left alone.
 */
const repeatingAsSaid = (calls: PlannedCall[], draft: RepeatDraft): PlannedCall[] =>
  calls.map((call) => {
    if (call.name !== 'create_task' || typeof call.args.title !== 'string') return call;
    // A rule of the model's own stands when it also took the schedule out of the title.
    if (call.args.recurrence !== undefined && !SCHEDULE_WORDS.test(call.args.title)) return call;
    if (!sameSubject(call.args.title, draft.title ?? '')) return call;
    const { dueAt: _dueAt, dueDate: _dueDate, recurrence: _recurrence, ...args } = call.args;
    const title = SCHEDULE_WORDS.test(call.args.title) ? (draft.title ?? call.args.title) : call.args.title;
    const due = draft.when.time ? { dueAt: draft.when.at } : { dueDate: draft.when.date };
    const wantsReminder = args.reminders === undefined && draft.reminders.length > 0;
    return {
      ...call,
      args: {
        ...args,
        title,
        ...due,
        recurrence: draft.recurrence,
        ...(wantsReminder ? { reminders: draft.reminders } : {}),
      },
    };
  });

/** The model's calls with its one new task timed as the person said (see above); unchanged otherwise. */
export const withPersonsTime = (
  calls: PlannedCall[],
  reading: Pick<Understanding, 'intent' | 'slots' | 'normalizedText'>,
): PlannedCall[] => {
  const [draft, ...others] = reading.slots.tasks;
  const when = draft?.when;
  if (reading.intent !== 'create_task' || !draft || others.length > 0) return calls;
  if (calls.filter((call) => call.name === 'create_task').length !== 1) return calls;
  // "Remind me to ..." with no time: the rules ask when, and so should the model; its guess is left for it to own.
  if (!when && !draft.recurrence && !draft.needsTime && draft.reminders.length === 0)
    return untimed(calls, reading.normalizedText);
  if (draft.recurrence && when)
    return repeatingAsSaid(calls, { ...draft, when, recurrence: draft.recurrence });
  if (!when) return calls;
  return calls.map((call) => {
    if (call.name !== 'create_task') return call;
    const { dueAt: _dueAt, dueDate: _dueDate, ...args } = call.args;
    const title = typeof args.title === 'string' ? titleWithoutTime(args.title, when.text ?? '') : args.title;
    const due = when.time ? { dueAt: when.at } : { dueDate: when.date };
    const wantsReminder = args.reminders === undefined && draft.reminders.length > 0;
    return {
      ...call,
      args: { ...args, title, ...due, ...(wantsReminder ? { reminders: draft.reminders } : {}) },
    };
  });
};
