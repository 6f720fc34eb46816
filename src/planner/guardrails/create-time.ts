// A small model adds a task well but does date arithmetic badly: the 1.5B local model, told "it is now
// 2026-12-06T23:58Z" for a person in Berlin (already the 7th there), made "remind me to call mom tomorrow at 5pm" due
// on the 7th, titled "Call mom tomorrow at 5pm", with no reminder. When the rules read the message as exactly one new
// task with a time, the model's one create_task gets the rules' time (parsed in the person's time zone), a title
// without the time words, and the reminder the words asked for when the model set none.
import type { Understanding } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';

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
  // A repeating task's first time follows its rule, which the model's call carries its own way: left alone.
  if (!when || draft.recurrence) return calls;
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
