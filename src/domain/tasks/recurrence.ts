import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import { z } from 'zod';

// rrule ships a CommonJS bundle: Node's ESM loader only sees its default export.
const { RRule } = rrulePackage;

/** Where a task sits in time: an instant, or a calendar day (all-day task). */
export type Occurrence = { kind: 'timed'; at: Date } | { kind: 'date'; date: string };

type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** A recurrence rule we accept: a safe, bounded subset of RFC 5545 RRULE. */
export type RuleParts = {
  freq: Frequency;
  interval: number;
  count: number | null;
  until: {
    year: number;
    month: number;
    day: number;
    time: [number, number, number] | null;
    isUtc: boolean;
  } | null;
  byday: string[];
  bymonthday: number[];
  bymonth: number[];
  byhour: number[];
  byminute: number[];
  bysetpos: number[];
  wkst: string | null;
};

export class RecurrenceError extends Error {
  override readonly name = 'RecurrenceError';
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const ORDER = [
  'FREQ',
  'INTERVAL',
  'BYMONTH',
  'BYMONTHDAY',
  'BYDAY',
  'BYHOUR',
  'BYMINUTE',
  'BYSETPOS',
  'WKST',
  'COUNT',
  'UNTIL',
];

const fail = (message: string): never => {
  throw new RecurrenceError(message);
};

const intList = (key: string, value: string, min: number, max: number, allowZero = true): number[] => {
  const items = value.split(',');
  if (items.length > 60) fail(`${key} has too many values`);
  return items.map((item) => {
    if (!/^[+-]?\d{1,3}$/.test(item)) fail(`${key} must be a list of whole numbers`);
    const n = Number(item);
    if (n < min || n > max || (!allowZero && n === 0))
      fail(`${key} values must be between ${min} and ${max}${allowZero ? '' : ', not 0'}`);
    return n;
  });
};

const parseUntil = (value: string): RuleParts['until'] => {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return fail('UNTIL must look like 20250131 or 20250131T170000Z');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid) fail('UNTIL is not a real date');
  const time: [number, number, number] | null = m[4] ? [Number(m[4]), Number(m[5]), Number(m[6])] : null;
  if (time && (time[0] > 23 || time[1] > 59 || time[2] > 59)) fail('UNTIL has an impossible time');
  return { year, month, day, time, isUtc: m[7] === 'Z' };
};

/** Parses and checks an RRULE such as `FREQ=WEEKLY;BYDAY=MO,WE,FR` (an `RRULE:` prefix is fine). */
export const parseRule = (text: string): RuleParts => {
  const source = text
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (/DTSTART|TZID|\n|\r/.test(source))
    fail("give only the RRULE part; the start comes from the task's due date and time zone");
  if (!source) fail('the repeat rule is empty');
  const fields = new Map<string, string>();
  for (const part of source.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : part;
    if (eq <= 0 || eq === part.length - 1) fail(`"${part.slice(0, 30)}" must look like KEY=VALUE`);
    if (!ORDER.includes(key)) fail(`${key.slice(0, 20)} is not supported; use ${ORDER.join(', ')}`);
    if (fields.has(key)) fail(`${key} is given twice`);
    fields.set(key, part.slice(eq + 1));
  }
  const freqText = fields.get('FREQ');
  if (!freqText) return fail('FREQ is required, e.g. FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO');
  if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freqText))
    fail('tasks repeat at most daily; use reminders for more frequent nudges');
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freqText))
    fail('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  const freq = freqText as Frequency;

  const get = (key: string) => fields.get(key);
  const single = (key: string, min: number, max: number): number | null => {
    const value = get(key);
    if (value === undefined) return null;
    const list = intList(key, value, min, max, false);
    if (list.length !== 1) fail(`${key} takes one number`);
    return list[0]!;
  };
  const interval = single('INTERVAL', 1, 366) ?? 1;
  const count = single('COUNT', 1, 1000);
  if (get('COUNT') !== undefined && get('UNTIL') !== undefined) fail('use COUNT or UNTIL, not both');

  const maxOrdinal = freq === 'MONTHLY' ? 5 : 53;
  const byday = get('BYDAY')?.split(',') ?? [];
  if (byday.length > 60) fail('BYDAY has too many values');
  for (const day of byday) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(day);
    if (!m) fail(`BYDAY value "${day.slice(0, 10)}" must be like MO, 1MO or -1FR`);
    if (m?.[1] !== undefined) {
      const n = Number(m[1]);
      if (freq !== 'MONTHLY' && freq !== 'YEARLY')
        fail('numbered weekdays like 1MO need FREQ=MONTHLY or FREQ=YEARLY');
      if (n === 0 || Math.abs(n) > maxOrdinal)
        fail(`the number in BYDAY must be between -${maxOrdinal} and ${maxOrdinal}, not 0`);
    }
  }
  const bymonthday =
    get('BYMONTHDAY') === undefined ? [] : intList('BYMONTHDAY', get('BYMONTHDAY')!, -31, 31, false);
  if (bymonthday.length > 0 && freq === 'WEEKLY') fail('BYMONTHDAY does not go with FREQ=WEEKLY');
  const wkst = get('WKST') ?? null;
  if (wkst !== null && !WEEKDAYS.includes(wkst)) fail('WKST must be a weekday such as MO');
  const bysetpos =
    get('BYSETPOS') === undefined ? [] : intList('BYSETPOS', get('BYSETPOS')!, -366, 366, false);
  const bymonth = get('BYMONTH') === undefined ? [] : intList('BYMONTH', get('BYMONTH')!, 1, 12);
  const byhour = get('BYHOUR') === undefined ? [] : intList('BYHOUR', get('BYHOUR')!, 0, 23);
  const byminute = get('BYMINUTE') === undefined ? [] : intList('BYMINUTE', get('BYMINUTE')!, 0, 59);
  if (
    bysetpos.length > 0 &&
    byday.length + bymonthday.length + bymonth.length + byhour.length + byminute.length === 0
  ) {
    fail('BYSETPOS needs another BY... part to pick from');
  }
  return {
    freq,
    interval,
    count,
    until: get('UNTIL') === undefined ? null : parseUntil(get('UNTIL')!),
    byday: [...new Set(byday)],
    bymonthday: [...new Set(bymonthday)],
    bymonth: [...new Set(bymonth)],
    byhour: [...new Set(byhour)],
    byminute: [...new Set(byminute)],
    bysetpos: [...new Set(bysetpos)],
    wkst,
  };
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The canonical text of a rule: fixed key order, no `RRULE:` prefix, defaults left out. */
export const formatRule = (parts: RuleParts, options: { withLimits?: boolean } = {}): string => {
  const { withLimits = true } = options;
  const out: string[] = [`FREQ=${parts.freq}`];
  if (parts.interval !== 1) out.push(`INTERVAL=${parts.interval}`);
  if (parts.bymonth.length) out.push(`BYMONTH=${parts.bymonth.join(',')}`);
  if (parts.bymonthday.length) out.push(`BYMONTHDAY=${parts.bymonthday.join(',')}`);
  if (parts.byday.length) out.push(`BYDAY=${parts.byday.join(',')}`);
  if (parts.byhour.length) out.push(`BYHOUR=${parts.byhour.join(',')}`);
  if (parts.byminute.length) out.push(`BYMINUTE=${parts.byminute.join(',')}`);
  if (parts.bysetpos.length) out.push(`BYSETPOS=${parts.bysetpos.join(',')}`);
  if (parts.wkst) out.push(`WKST=${parts.wkst}`);
  if (withLimits && parts.count !== null) out.push(`COUNT=${parts.count}`);
  if (withLimits && parts.until) {
    const u = parts.until;
    const time = u.time ? `T${u.time.map((n) => pad(n)).join('')}${u.isUtc ? 'Z' : ''}` : '';
    out.push(`UNTIL=${pad(u.year, 4)}${pad(u.month)}${pad(u.day)}${time}`);
  }
  return out.join(';');
};

/*
 * rrule evaluates in UTC. We feed it "floating" dates — the task's wall-clock time written as if it were UTC — and
 * convert each result back through the task's IANA zone with luxon, so 09:00 stays 09:00 across DST changes.
 */
const toFloating = (at: Date, timezone: string): Date => {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
};

const fromFloating = (floating: Date, timezone: string): Date =>
  DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    { zone: timezone },
  ).toJSDate();

const occurrenceToFloating = (occurrence: Occurrence, timezone: string): Date =>
  occurrence.kind === 'timed'
    ? toFloating(occurrence.at, timezone)
    : new Date(`${occurrence.date}T00:00:00.000Z`);

const untilToFloating = (until: NonNullable<RuleParts['until']>, timezone: string): Date => {
  const [h, m, s] = until.time ?? [23, 59, 59];
  const utc = new Date(Date.UTC(until.year, until.month - 1, until.day, h, m, s));
  return until.isUtc ? toFloating(utc, timezone) : utc;
};

const ruleFrom = (parts: RuleParts, dtstart: Date) =>
  new RRule({ ...RRule.parseString(formatRule(parts, { withLimits: false })), dtstart });

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** A late year with exactly the same calendar (weekday of Jan 1, leap or not) as `year`. */
const calendarTwin = (year: number): number => {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  for (let candidate = 9940; candidate < 9968; candidate++) {
    if (isLeap(candidate) === isLeap(year) && new Date(Date.UTC(candidate, 0, 1)).getUTCDay() === jan1)
      return candidate;
  }
  return 9940; // unreachable: every 28 years hold all 14 calendars
};

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Shapes that can never happen, found without iterating: 30 February, or BYSETPOS beyond a period's candidates. */
const isPlainlyImpossible = (parts: RuleParts): boolean => {
  if (parts.bymonthday.length > 0) {
    const months = parts.bymonth.length > 0 ? parts.bymonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    if (!months.some((m) => parts.bymonthday.some((d) => Math.abs(d) <= MONTH_DAYS[m - 1]!))) return true;
  }
  if (parts.bysetpos.length > 0) {
    // An upper bound on the candidates in one period (day, week, month, year) that BYSETPOS picks from.
    const times = Math.max(parts.byhour.length, 1) * Math.max(parts.byminute.length, 1);
    const plain = parts.byday.filter((d) => /^[A-Z]{2}$/.test(d)).length;
    const numbered = parts.byday.length - plain;
    const weeksPerPeriod = parts.freq === 'MONTHLY' ? 5 : 53;
    let days: number;
    if (parts.freq === 'DAILY') days = 1;
    else if (parts.freq === 'WEEKLY') days = Math.max(parts.byday.length, 1);
    else {
      const byWeekday = parts.byday.length > 0 ? plain * weeksPerPeriod + numbered : Infinity;
      const byMonthDay =
        parts.bymonthday.length > 0 ? parts.bymonthday.length * (parts.freq === 'YEARLY' ? 12 : 1) : Infinity;
      days = Math.min(byWeekday, byMonthDay, parts.freq === 'MONTHLY' ? 31 : 366);
    }
    if (parts.bysetpos.every((pos) => Math.abs(pos) > days * times)) return true;
  }
  return false;
};

/**
 * True when the rule happens at least once in the ~30 years after `start`. A rule that never happens (Feb 30th)
 * would make rrule scan to the year 9999; we scan the same calendar moved close to that limit, which takes
 * milliseconds, and treat such a rule as ended.
 */
const happensFrom = (parts: RuleParts, startFloating: Date): boolean => {
  if (isPlainlyImpossible(parts)) return false;
  const twin = new Date(startFloating);
  twin.setUTCFullYear(calendarTwin(startFloating.getUTCFullYear()));
  return ruleFrom(parts, twin).after(twin, true) !== null;
};

const toOccurrence = (floating: Date, kind: Occurrence['kind'], timezone: string): Occurrence =>
  kind === 'date'
    ? { kind, date: floating.toISOString().slice(0, 10) }
    : { kind, at: fromFloating(floating, timezone) };

export type NextOccurrenceInput = {
  rule: string;
  timezone: string;
  /** The occurrence being completed; it anchors INTERVAL and the time of day. */
  current: Occurrence;
  /** Occurrences at or before this instant are skipped (a late completion doesn't create a backlog). */
  notBefore: Date;
  /** 1-based number of `current` in its series, for COUNT. */
  occurrenceNumber: number;
};

/** The first occurrence after both the current one and `notBefore`, in the task's zone; null when the series ends. */
export const nextOccurrence = (input: NextOccurrenceInput): Occurrence | null => {
  const parts = parseRule(input.rule);
  if (parts.count !== null && input.occurrenceNumber >= parts.count) return null;
  const start = occurrenceToFloating(input.current, input.timezone);
  if (!happensFrom(parts, start)) return null;
  const notBefore = toFloating(input.notBefore, input.timezone);
  const after = notBefore > start ? notBefore : start;
  const next = ruleFrom(parts, start).after(after, false);
  if (!next) return null;
  if (parts.until && next > untilToFloating(parts.until, input.timezone)) return null;
  return toOccurrence(next, input.current.kind, input.timezone);
};

/** Why a rule cannot be used for this task, or null when it can. */
export const ruleProblem = (rule: string, timezone: string, current: Occurrence): string | null => {
  let parts: RuleParts;
  try {
    parts = parseRule(rule);
  } catch (error) {
    return error instanceof RecurrenceError ? error.message : 'the repeat rule is not valid';
  }
  if (current.kind === 'date' && (parts.byhour.length > 0 || parts.byminute.length > 0)) {
    return 'an all-day task repeats by day; give it a due time (dueAt) to use BYHOUR or BYMINUTE';
  }
  if (!happensFrom(parts, occurrenceToFloating(current, timezone))) return 'this repeat rule never happens';
  return null;
};

/** "every week on Monday, Wednesday" — English, for people and models; null if rrule cannot say it. */
export const describeRule = (rule: string): string | null => {
  try {
    const parts = parseRule(rule);
    const text = RRule.fromString(formatRule(parts)).toText();
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
};

/** An RRULE, normalized to its canonical form, e.g. `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`. */
export const RecurrenceRuleSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    try {
      return formatRule(parseRule(text));
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof RecurrenceError ? error.message : 'invalid repeat rule',
      });
      return z.NEVER;
    }
  })
  .describe('RFC 5545 RRULE in the task time zone, DAILY to YEARLY, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
