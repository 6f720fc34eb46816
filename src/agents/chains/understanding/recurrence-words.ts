import { DateTime } from 'luxon';

/** A repeat said in words, as an RRULE the task API accepts (FREQ DAILY to YEARLY; the time comes from the due). */
export type Repeat = {
  /** e.g. `FREQ=WEEKLY;BYDAY=MO,WE`. */
  rule: string;
  /** The words it came from, to take out of the title. */
  matchedText: string;
  /** "every 2 hours": the step in hours; the rule then lists the day's hours (BYHOUR) from the first one. */
  everyHours: number | null;
};

const DAY_CODES: Record<string, string> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};
const WEEK_ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const day = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?';
const listGlue = '(?:\\s*[,&/]\\s*(?:and\\s+)?|\\s+(?:and|or)\\s+)';
const days = `${day}s?(?:${listGlue}${day}s?)*`;
const numberWords: Record<string, number> = {
  other: 2,
  second: 2,
  two: 2,
  three: 3,
  third: 3,
  four: 4,
  fourth: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  ten: 10,
  twelve: 12,
};
const count = '(\\d{1,3}|other|second|two|three|third|four|fourth|five|six|seven|eight|ten|twelve)';
const ordinals: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
};

const codesOf = (text: string): string[] => {
  const found = new Set(
    [...text.toLowerCase().matchAll(new RegExp(day, 'g'))].map((m) => DAY_CODES[m[0].slice(0, 3)]!),
  );
  return WEEK_ORDER.filter((code) => found.has(code));
};
const amountOf = (word: string | undefined): number =>
  word === undefined ? 1 : (numberWords[word.toLowerCase()] ?? Number(word));
const monthDayOf = (text: string | undefined): number | null => {
  const match = text ? /(\d{1,2})/.exec(text) : null;
  const n = match ? Number(match[1]) : text && /\bfirst\b/i.test(text) ? 1 : null;
  return n !== null && n >= 1 && n <= 31 ? n : null;
};

type Reader = [RegExp, (m: RegExpExecArray) => { rule: string; everyHours?: number } | null];

const monthDay = '(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th)?|first)';
/** First match wins: the more specific phrasings come first. */
const readers: Reader[] = [
  [
    new RegExp(`\\bevery\\s+(?:${count}\\s*)?(?:hours?|hrs?)\\b`, 'i'),
    (m) => {
      const hours = amountOf(m[1]);
      return hours >= 1 && hours <= 12 ? { rule: 'FREQ=DAILY', everyHours: hours } : null;
    },
  ],
  [
    new RegExp(
      `\\b(?:every|each|on\\s+the)\\s+(first|1st|second|2nd|third|3rd|fourth|4th|last)\\s+(${day})(?:\\s+of\\s+(?:the|every|each)\\s+month)?\\b`,
      'i',
    ),
    (m) => ({ rule: `FREQ=MONTHLY;BYDAY=${ordinals[m[1]!.toLowerCase()]}${codesOf(m[2]!)[0]}` }),
  ],
  [
    new RegExp(
      `\\b(?:on\\s+)?${monthDay}\\s+(?:day\\s+)?of\\s+(?:every|each|the)\\s+month\\b|\\b(?:every|each)\\s+month\\s+on\\s+${monthDay}\\b|\\bmonthly\\s+on\\s+${monthDay}\\b`,
      'i',
    ),
    (m) => {
      const n = monthDayOf(m[1] ?? m[2] ?? m[3]);
      return n === null ? null : { rule: `FREQ=MONTHLY;BYMONTHDAY=${n}` };
    },
  ],
  [
    /\b(?:every|each)\s+(?:week\s*day|work\s*day)s?\b|\b(?:on\s+)?(?:week\s*days|work\s*days)\b|\bmonday\s+(?:to|through|thru|-)\s+friday\b/i,
    () => ({ rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
  ],
  [/\b(?:every|each)\s+weekends?\b|\b(?:on\s+)?weekends\b/i, () => ({ rule: 'FREQ=WEEKLY;BYDAY=SA,SU' })],
  [
    new RegExp(`\\b(?:every|each)\\s+(?:${count}\\s+)?(${days})\\b`, 'i'),
    (m) => {
      const interval = amountOf(m[1]);
      return {
        rule: `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${codesOf(m[2]!).join(',')}`,
      };
    },
  ],
  [
    new RegExp(`\\b(?:weekly\\s+)?(?:on\\s+)?(${day}s(?:${listGlue}${day}s)*)\\b`, 'i'),
    (m) => ({ rule: `FREQ=WEEKLY;BYDAY=${codesOf(m[1]!).join(',')}` }),
  ],
  [
    new RegExp(`\\b(?:every|each)\\s+(?:${count}\\s*)?(days?|weeks?|months?|years?)\\b`, 'i'),
    (m) => {
      const interval = amountOf(m[1]);
      const unit = m[2]!.toLowerCase();
      const freq = unit.startsWith('d')
        ? 'DAILY'
        : unit.startsWith('w')
          ? 'WEEKLY'
          : unit.startsWith('m')
            ? 'MONTHLY'
            : 'YEARLY';
      return { rule: `FREQ=${freq}${interval > 1 ? `;INTERVAL=${interval}` : ''}` };
    },
  ],
  [
    /\b(?:every|each)\s+(?:morning|evening|night|afternoon)\b|\b(?:daily|every\s*day|nightly)\b/i,
    () => ({ rule: 'FREQ=DAILY' }),
  ],
  [/\b(?:bi-?weekly|fortnightly)\b/i, () => ({ rule: 'FREQ=WEEKLY;INTERVAL=2' })],
  [/\bweekly\b/i, () => ({ rule: 'FREQ=WEEKLY' })],
  [/\bmonthly\b/i, () => ({ rule: 'FREQ=MONTHLY' })],
  [/\b(?:yearly|annually|every\s+year)\b/i, () => ({ rule: 'FREQ=YEARLY' })],
];

/** "every weekday", "mondays and wednesdays", "every other week", "on the 1st of every month": the repeat, or null. */
export const repeatFrom = (text: string): Repeat | null => {
  for (const [pattern, read] of readers) {
    const match = pattern.exec(text);
    if (!match) continue;
    const parts = read(match);
    if (parts) return { rule: parts.rule, matchedText: match[0], everyHours: parts.everyHours ?? null };
  }
  return null;
};

/** Part-of-day words keep their meaning once "every" is gone: "every morning" → "morning" (09:00). */
export const timeWordsOf = (matchedText: string): string =>
  /\b(morning|evening|night|afternoon)\b/i.exec(matchedText)?.[1]?.replace(/^night$/i, 'tonight') ?? '';

const matchesDay = (rule: string, date: DateTime): boolean => {
  const byday = /BYDAY=([^;]+)/.exec(rule)?.[1];
  const bymonthday = /BYMONTHDAY=(\d+)/.exec(rule)?.[1];
  if (bymonthday) return date.day === Number(bymonthday);
  if (!byday) return true;
  const code = WEEK_ORDER[date.weekday - 1]!;
  return byday.split(',').some((d) => {
    const m = /^(-?\d)?([A-Z]{2})$/.exec(d);
    if (!m || m[2] !== code) return false;
    if (!m[1]) return true;
    const n = Number(m[1]);
    return n > 0 ? Math.ceil(date.day / 7) === n : date.plus({ days: 7 }).month !== date.month;
  });
};

/**
 * The first time a repeat happens at or after `from` (a local day) and after `now`: the due of its first task.
 * `time` is HH:mm, or null for an all-day repeat. Returns the local date and, when timed, the ISO instant.
 */
export const firstOccurrence = (
  rule: string,
  from: string,
  time: string | null,
  now: Date,
  timezone: string,
): { date: string; at: DateTime } => {
  const start = DateTime.fromISO(from, { zone: timezone }).startOf('day');
  const [hour, minute] = (time ?? '00:00').split(':').map(Number) as [number, number];
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  for (let i = 0; i < 400; i++) {
    const date = start.plus({ days: i });
    const at = date.set({ hour, minute });
    const upcoming = time ? at.toMillis() > now.getTime() : date >= today;
    if (upcoming && matchesDay(rule, date)) return { date: date.toISODate()!, at };
  }
  return { date: start.toISODate()!, at: start.set({ hour, minute }) };
};

/** "every 2 hours" from a first time: the day's hours in waking time (08:00 to 22:00) on that step, as BYHOUR. */
export const hourlyRule = (everyHours: number, first: { hour: number; minute: number }): string => {
  const hours: number[] = [];
  for (let h = 8; h <= 22; h++)
    if ((((h - first.hour) % everyHours) + everyHours) % everyHours === 0) hours.push(h);
  if (!hours.includes(first.hour)) hours.push(first.hour);
  hours.sort((a, b) => a - b);
  return `FREQ=DAILY;BYHOUR=${hours.join(',')};BYMINUTE=${first.minute}`;
};
