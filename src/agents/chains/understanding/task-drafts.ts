import { DateTime } from 'luxon';
import { z } from 'zod';
import { firstOccurrence, hourlyRule, repeatFrom, timeWordsOf } from './recurrence-words.js';
import { titleFrom, withoutDate, withoutLeadIn } from './slots.js';
import { clockOffset, reminderClockFrom } from './reminder-clock.js';
import { MAX_TASKS_PER_MESSAGE, splitTasks } from './split-tasks.js';
import { parseWhen, WhenSchema, type When } from './when.js';

/** One task a message asks for: what to call it, when, how it repeats and when to remind. */
export const TaskDraftSchema = z.object({
  title: z.string().nullable(),
  when: WhenSchema.nullable(),
  /** An RRULE such as `FREQ=WEEKLY;BYDAY=MO,WE`; the time of day is the due time. */
  recurrence: z.string().nullable(),
  /** Minutes before the due time; `[0]` is "at the due time". Empty when no reminder was asked for. */
  reminders: z.array(z.number().int().min(0)),
  /** "remind me to call mom": a reminder was asked for without saying when; ask rather than guess. */
  needsTime: z.boolean(),
  /** ", should take about 30 minutes": how long the person expects it to take. */
  estimateMinutes: z.number().int().min(1).max(1440).nullable(),
});
export type TaskDraft = z.infer<typeof TaskDraftSchema>;

/** "remind me", "ping me", "set a reminder": the person wants to be told, so the due time itself is a reminder. */
const asksForReminder =
  /\b(?:don'?t|do not) let me forget\b|\b(?:remind|ping|nudge|text|buzz|alert|notify|message|poke|bug) me\b|\bset (?:a|an|me a) (?:reminder|alarm)\b|\breminder\b|\balarm\b/i;

/** "and please remind me about it": what is left of a reminder request once its timing words are taken out. */
const reminderOnly =
  /^(?:(?:and|then|also|please|pls|but)\s+)*(?:remind|ping|nudge|text|buzz|alert|notify|poke|bug) me(?:\s+(?:about|of)\s+(?:it|that|this))?(?:\s+(?:then|too|as well|please|the|a))*[\s.!]*$/i;

/** "no reminder needed", "don't remind me": the person wants none, and the words are not part of the title. */
const declinesReminder =
  /[\s,;-]*\b(?:(?:and|but) )?(?:(?:no|without(?: a| any)?|(?:i )?(?:don'?t|do not) need (?:a|any)|skip the) reminders?(?: (?:needed|necessary|please|thanks))?|(?:please )?(?:don'?t|do not) remind me)\b/gi;

/** ", should take about 30 minutes": an estimate, not part of the title. */
const estimateWords =
  /[\s,;-]*\b(?:(?:and|but|which|that) )?(?:(?:it|this|that)(?:'ll| will| should| might)? |(?:should|will|might|would|could) )?(?:takes?|last) (?:(?:about|around|roughly|maybe|like|approx(?:imately)?) )?((?:\d+(?:\.\d+)?|an?|one|two|three|half an?|a couple of|a few) ?(?:minutes?|mins?|hours?|hrs?|h|m))( and a half)?\b/i;

const estimateAmounts: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  'a couple of': 2,
  'a few': 3,
};

/** "about 30 minutes" → 30, "an hour and a half" → 90; null when the words are not an amount of time we read. */
const estimateMinutesOf = (amount: string, andAHalf: boolean): number | null => {
  const match = /^(\d+(?:\.\d+)?|half an?|an?|one|two|three|a couple of|a few) ?(h|m)/i.exec(amount);
  if (!match) return null;
  const count = match[1]!.toLowerCase();
  const n = count.startsWith('half') ? 0.5 : (estimateAmounts[count] ?? Number(count));
  const minutes = Math.round((n + (andAHalf ? 0.5 : 0)) * (match[2]!.toLowerCase() === 'h' ? 60 : 1));
  return minutes >= 1 && minutes <= 1440 ? minutes : null;
};

const clockWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
/** "half past four" → "4:30", "quarter to 9" → "8:45": spoken British clock times chrono does not read. */
export const spokenClock = (text: string): string =>
  text.replace(
    /\b(half|quarter|(?:\d{1,2}|ten|twenty|twenty-five)(?: minutes)?)\s+(past|after|to|till)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi,
    (all, part: string, dir: string, hourWord: string) => {
      const hour = clockWords[hourWord.toLowerCase()] ?? Number(hourWord);
      const p = part.toLowerCase().replace(/ minutes$/, '');
      const mins =
        p === 'half'
          ? 30
          : p === 'quarter'
            ? 15
            : p === 'ten'
              ? 10
              : p === 'twenty'
                ? 20
                : p === 'twenty-five'
                  ? 25
                  : Number(p);
      if (!(hour >= 1 && hour <= 12) || !(mins > 0 && mins < 60)) return all;
      const back = /^(?:to|till)$/i.test(dir);
      if (back && p === 'half') return all;
      const h = back ? (hour === 1 ? 12 : hour - 1) : hour;
      const m = back ? 60 - mins : mins;
      return `${h}:${String(m).padStart(2, '0')}`;
    },
  );

/** "these:\n- email professor\n- book haircut": one piece per bulleted or numbered line, or null for prose. */
const listItems = (text: string): string[] | null => {
  const lines = text.split(/\n|(?:^|\s)(?=[-*•]\s)/).map((line) => line.trim());
  const bullet = /^(?:[-*•]|\d{1,2}[.)])\s+\S/;
  const header = lines.filter((line) => line && !bullet.test(line)).join(' ');
  if (header && !/:$|\b(?:these|following|list|todos?|tasks?)\b/i.test(header)) return null;
  const items = lines
    .filter((line) => bullet.test(line))
    .map((line) => line.replace(/^(?:[-*•]|\d{1,2}[.)])\s+/, '').trim());
  return items.length >= 2 ? items.slice(0, MAX_TASKS_PER_MESSAGE) : null;
};

const amount = '(\\d{1,4}|an?|one|two|three|five|ten|fifteen|twenty|thirty|forty-five|half an?)';
const offsetWords = new RegExp(
  `\\b${amount}\\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\\s+(?:before(?:hand)?|earlier|ahead(?: of time)?|in advance|prior)\\b|\\b(?:the|a)\\s+(day|night|week)\\s+before\\b`,
  'gi',
);
const atDue =
  /\b(?:and|&)\s+(?:again\s+)?(?:at the time|when it'?s due|on time|at the due time|when it starts)\b/i;
const amountValue: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-five': 45,
};
const unitMinutes = (unit: string): number =>
  unit.startsWith('h')
    ? 60
    : unit.startsWith('d') || unit === 'night'
      ? 1440
      : unit.startsWith('w')
        ? 10080
        : 1;

const eventAfter =
  /^\s*\ue000\s*(?:the|my|our|your)\s+[\w'-]+(?:\s+(?!at\b|on\b|by\b|in\b|tomorrow\b|today\b|tonight\b|next\b|this\b)[\w'-]+)?/i;

/**
 * "email Sam an hour before the meeting at 2": the meeting only says when, so the title is "Email Sam"; in "remind me
 * 15 min before the meeting at 3" it is all there is to call the task, so it stays.
 */
const withoutEvent = (text: string): string => {
  const at = text.indexOf('\ue000');
  if (at < 0) return text;
  const before = withoutLeadIn(text.slice(0, at).trim());
  const after = text.slice(at);
  const rest = before && eventAfter.test(after) ? after.replace(eventAfter, ' ') : after;
  return `${text.slice(0, at)}${rest}`.replace(/\ue000/g, ' ');
};

/** "15 min before", "an hour earlier", "the day before": minutes before due, and the text without those words. */
export const reminderOffsetsFrom = (text: string): { offsets: number[]; rest: string } => {
  const offsets: number[] = [];
  let rest = text.replace(offsetWords, (_all, count?: string, unit?: string, dayWord?: string) => {
    if (dayWord) offsets.push(unitMinutes(dayWord));
    else {
      const word = count!.toLowerCase();
      const n = word.startsWith('half') ? 0.5 : (amountValue[word] ?? Number(word));
      offsets.push(Math.round(n * unitMinutes(unit!.toLowerCase())));
    }
    return ' \ue000 ';
  });
  rest = withoutEvent(rest);
  if (offsets.length > 0 && atDue.test(rest)) {
    offsets.push(0);
    rest = rest.replace(atDue, ' ');
  }
  return { offsets: [...new Set(offsets)].sort((a, b) => a - b), rest: rest.replace(/\s+/g, ' ').trim() };
};

/** Words before a number that make it part of a name ("plant number 10", "room 4"), not a time. */
const namedNumber =
  /\b(number|no\.?|num|#|room|page|pages|chapter|ch\.?|step|level|part|unit|apt|apartment|flat|suite|building|table|box|item|question|exercise|problem|lesson|episode|ep\.?|season|vol\.?|volume|version|gate|platform|bus|route|line|plant|locker|seat|row|aisle|order|ticket|invoice|issue|pr|task|module|week|day)((?:\s*#)?\s*)(\d+)\b/gi;
const DIGIT_BASE = 0xe010; // private-use characters: chrono cannot read them as a time, and they come back verbatim
const maskDigits = (text: string): string =>
  text.replace(namedNumber, (_all, word: string, gap: string, digits: string) => {
    const masked = [...digits].map((d) => String.fromCharCode(DIGIT_BASE + Number(d))).join('');
    return `${word}${gap}${masked}`;
  });
const unmaskDigits = (text: string): string =>
  text.replace(/[\ue010-\ue019]/g, (c) => String(c.charCodeAt(0) - DIGIT_BASE));

/** ", it's due" left behind once "in 3 weeks" is gone; a pronoun goes only after a comma ("find out what it is" stays). */
const dueTrailers = [
  /\s*[,;-]\s*(?:(?:and|but)\s+)?(?:it|which|that|this|they)(?:'s|'re| is| are)(?:\s+due)?\s*$/i,
  /\s+(?:and\s+)?(?:it(?:'s| is)\s+)?due\s*$/i,
];

const namesDay =
  /\b(?:today|tonight|tomorrow|tmrw|tmr|yesterday|next|this|in \d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?:st|nd|rd|th)|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

const withTime = (when: When, time: string, timezone: string): When => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const at = DateTime.fromISO(when.date, { zone: timezone }).set({ hour, minute });
  return { ...when, time, at: at.toISO({ suppressMilliseconds: true })! };
};

/** The hour a reminder on a whole day goes out: a morning nudge rather than one at midnight. */
export const DAY_REMINDER_TIME = '09:00';

type Piece = { title: string | null; when: When | null; repeat: ReturnType<typeof repeatFrom> };

const readPiece = (text: string, now: Date, timezone: string): Piece => {
  const masked = maskDigits(text);
  const repeat = repeatFrom(masked);
  // The repeat's words go; a part of the day in them ("every morning") stays as a time.
  const rest = repeat ? masked.replace(repeat.matchedText, ` ${timeWordsOf(repeat.matchedText)} `) : masked;
  const parsed = parseWhen(rest, now, timezone);
  let title = titleFrom(rest, parsed?.matchedText ?? null);
  if (title) title = dueTrailers.reduce((t, trailer) => t.replace(trailer, ''), title).trim() || null;
  return { title: title && unmaskDigits(title), when: parsed?.when ?? null, repeat };
};

const draftOf = (piece: Piece, reminders: number[] | null, now: Date, timezone: string): TaskDraft => {
  let when = piece.when;
  let recurrence: string | null = null;
  if (piece.repeat) {
    let time = when?.time ?? null;
    const from = when?.date ?? localToday(now, timezone);
    if (piece.repeat.everyHours && !time) {
      const next = DateTime.fromJSDate(now, { zone: timezone }).plus({ hours: 1 }).startOf('hour');
      time = next.toFormat('HH:mm');
    }
    if (reminders && !time) time = DAY_REMINDER_TIME;
    const first = firstOccurrence(piece.repeat.rule, from, time, now, timezone);
    recurrence = piece.repeat.everyHours
      ? hourlyRule(piece.repeat.everyHours, { hour: first.at.hour, minute: first.at.minute })
      : piece.repeat.rule;
    when = {
      text: piece.repeat.matchedText,
      date: first.date,
      time,
      at: (time ? first.at : first.at.startOf('day')).toISO({ suppressMilliseconds: true })!,
    };
  } else if (when && reminders && !when.time) {
    when = withTime(when, DAY_REMINDER_TIME, timezone);
  }
  return {
    title: piece.title,
    when,
    recurrence,
    reminders: when ? (reminders ?? []) : [],
    needsTime: reminders !== null && when === null,
    estimateMinutes: null,
  };
};

const dueOf = (when: When) => (when.time ? { dueAt: when.at } : { dueDate: when.date });

const localToday = (now: Date, timezone: string): string =>
  DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;

/**
 * The tasks a create request holds: one per action in a list ("buy milk, call the dentist and email Sam tomorrow"),
 * each with its title stripped of scheduling words, its due (a time, or a whole day for day-level phrases), a
 * repeat rule from words, and reminders (the due time itself when the person said "remind me", unless they said
 * "15 min before"). A date or repeat said once at the end of a list applies to every task in it.
 */
export const taskDraftsFrom = (message: string, now: Date, timezone: string): TaskDraft[] => {
  const declined = new RegExp(declinesReminder.source, 'i').test(message);
  let display = spokenClock(message.replace(declinesReminder, ' '));
  const estimate = estimateWords.exec(display);
  if (estimate) display = display.replace(estimateWords, ' ');
  const wantsReminder = !declined && asksForReminder.test(display);
  const { clock, rest: unclocked } = declined ? { clock: null, rest: display } : reminderClockFrom(display);
  const { offsets, rest } = reminderOffsetsFrom(unclocked);
  // "the day before at 6pm" stands in for the default reminder at the due time itself
  const reminders =
    !declined && (wantsReminder || offsets.length > 0 || clock)
      ? offsets.length > 0 || clock
        ? offsets
        : [0]
      : null;
  const items = listItems(rest);
  const split = items ?? splitTasks(rest, withoutLeadIn);
  // "dentist at 3, remind me 15 min before": once its timing words are gone, "remind me" is no task of its own
  const texts = split.length > 1 ? split.filter((piece) => !reminderOnly.test(piece)) : split;
  const pieces = texts.map((p) => readPiece(p, now, timezone));
  const lastPiece = pieces.at(-1);
  const onlyLastScheduled =
    pieces.length > 1 &&
    lastPiece !== undefined &&
    (lastPiece.when !== null || lastPiece.repeat !== null) &&
    pieces.slice(0, -1).every((p) => p.when === null && p.repeat === null);
  // "dentist at 3 tomorrow and pick up kids at 5": a time without a day shares the day said before it
  for (let i = 1; i < pieces.length; i++) {
    const earlier = pieces[i - 1]!.when;
    const piece = pieces[i]!;
    if (!earlier || !piece.when?.time || piece.repeat || namesDay.test(texts[i]!)) continue;
    const moved = withTime({ ...piece.when, date: earlier.date }, piece.when.time, timezone);
    if (new Date(moved.at) > now) pieces[i] = { ...piece, when: moved };
  }
  // an estimate said once for several tasks belongs to no one in particular
  const estimateMinutes =
    estimate && pieces.length === 1 ? estimateMinutesOf(estimate[1]!, estimate[2] !== undefined) : null;
  return pieces.map((piece) => {
    const draft = draftOf(
      onlyLastScheduled ? { ...piece, when: lastPiece.when, repeat: lastPiece.repeat } : piece,
      reminders,
      now,
      timezone,
    );
    const atClock = clock && draft.when ? clockOffset(clock, dueOf(draft.when), timezone) : null;
    const withClock = atClock
      ? [...new Set([...draft.reminders, atClock])].sort((a, b) => a - b)
      : draft.reminders;
    return { ...draft, reminders: withClock, estimateMinutes };
  });
};

export type RepeatChange = { taskRef: string; recurrence: string | null; when: When | null };

const stopRepeat =
  /^(?:please )?(?:stop|quit|no longer|don'?t keep|no more) repeating (\S.*)$|^(?:please )?(?:make )?(\S.*?) (?:stop repeating|not repeat|no longer repeat|a one-?off)$/i;
const makeRepeat =
  /^(?:please )?(?:make|set|have|let) (\S.*?) (?:repeat|recur|a repeating task|repeating|happen)\b(.*)$/i;

/**
 * "make take vitamins repeat every day at 8am", "stop repeating water the ferns": a change to an existing task's
 * repeat (null to stop it), with the due the repeat starts from. Null when the message says neither.
 */
export const repeatChangeFrom = (display: string, now: Date, timezone: string): RepeatChange | null => {
  const text = display.trim().replace(/[.!]+$/, '');
  const stop = stopRepeat.exec(text);
  if (stop) return { taskRef: (stop[1] ?? stop[2])!.trim(), recurrence: null, when: null };
  const make = makeRepeat.exec(text);
  if (!make) return null;
  const [draft] = taskDraftsFrom(`do it ${make[2]!.trim()}`, now, timezone);
  if (!draft?.recurrence) return null;
  return { taskRef: make[1]!.trim(), recurrence: draft.recurrence, when: draft.when };
};

const answerFiller =
  /\b(?:ok(?:ay)?|sure|yes|yeah|yep|please|pls|thanks|thank you|remind me|make it|let'?s say|say|how about|maybe|then|do it|just)\b|[,.!?]/gi;

/**
 * The answer to "When should I remind you?": "at 5", "tomorrow at 9am", "in 20 minutes", "friday" (a whole day
 * means the morning). Null when the message says something else, so a new request is not mistaken for a time.
 */
export const reminderTimeFrom = (text: string, now: Date, timezone: string): When | null => {
  if (text.length > 80) return null; // an answer to "when?" is a few words, not a new message
  // A bare "5" is a count anywhere else; as the answer to "when?" it is a time.
  const parsed = parseWhen(
    /^\s*\d{1,2}(?::\d{2})?\s*$/.test(text) ? `at ${text.trim()}` : text,
    now,
    timezone,
  );
  if (!parsed) return null;
  const rest = withoutDate(text, parsed.matchedText.replace(/^at /, '')).replace(answerFiller, ' ').trim();
  if (rest.split(/\s+/).filter(Boolean).length > 1) return null;
  return parsed.when.time ? parsed.when : withTime(parsed.when, DAY_REMINDER_TIME, timezone);
};
