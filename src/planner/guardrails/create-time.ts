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

/** The model's calls with its one new task timed as the person said (see above); unchanged otherwise. */
export const withPersonsTime = (
  calls: PlannedCall[],
  reading: Pick<Understanding, 'intent' | 'slots'>,
): PlannedCall[] => {
  const [draft, ...others] = reading.slots.tasks;
  const when = draft?.when;
  // A repeating task's first time follows its rule, which the model's call carries its own way: left alone.
  if (reading.intent !== 'create_task' || !draft || others.length > 0 || !when || draft.recurrence)
    return calls;
  if (calls.filter((call) => call.name === 'create_task').length !== 1) return calls;
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
