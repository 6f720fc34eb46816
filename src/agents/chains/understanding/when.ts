import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { z } from 'zod';

export const WhenSchema = z.object({
  /** The words it came from, e.g. "tomorrow at 5". */
  text: z.string(),
  /** Local calendar day, YYYY-MM-DD. */
  date: z.iso.date(),
  /** Local wall-clock time, HH:mm, or null for a whole day. */
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  /** The instant (the start of the day for day-only dates), with the person's offset. */
  at: z.iso.datetime({ offset: true }),
});
export type When = z.infer<typeof WhenSchema>;

/** "the 20th", "on the 1st": the next such day of the month. chrono's casual parser does not read a bare ordinal. */
const ordinalDayParser = {
  pattern: () =>
    /\b(?:the\s+)(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i,
  extract: (context: chrono.ParsingContext, match: RegExpMatchArray) => {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return null;
    const ref = context.reference.instant;
    let month = ref.getMonth() + 1;
    let year = ref.getFullYear();
    if (day < ref.getDate()) {
      month += 1;
      if (month > 12) [month, year] = [1, year + 1];
    }
    return { day, month, year };
  },
};

const parser = chrono.casual.clone();
parser.parsers.push(ordinalDayParser);

/** Hours people mean when they only say a part of the day. */
const partOfDayHour = (text: string): number | null => {
  if (/\bmorning\b/.test(text)) return 9;
  if (/\b(noon|midday|lunch ?time)\b/.test(text)) return 12;
  if (/\bafternoon\b/.test(text)) return 14;
  if (/\bevening\b/.test(text)) return 18;
  if (/\btonight\b/.test(text)) return 20;
  return null;
};

export type ParsedWhen = { when: When; matchedText: string };

/**
 * The first date or time in a message, in the person's time zone. Friendly defaults: an hour from 1 to 7 without
 * am/pm is afternoon ("at 5" → 17:00); a time without a day is the next time it comes round; "morning" is 09:00.
 */
export const parseWhen = (
  text: string,
  now: Date,
  timezone: string,
  pick: 'first' | 'last' = 'first',
): ParsedWhen | null => {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const results = parser.parse(text, { instant: now, timezone: local.offset }, { forwardDate: true });
  const candidates = results.filter((r) => !/^\d{1,2}$/.test(r.text.trim())); // a lone number is a count, not a time
  const result = pick === 'last' ? candidates.at(-1) : candidates[0];
  if (!result) return null;
  const start = pick === 'last' && result.end ? result.end : result.start;
  const explicitDay = start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month');
  const relative = /\bin\s+(?:an?|\d+|half|a few|a couple of)\b/i.test(result.text);
  let hour: number | null = start.isCertain('hour')
    ? start.get('hour')
    : partOfDayHour(result.text.toLowerCase());
  const minute = start.isCertain('hour') ? (start.get('minute') ?? 0) : 0;
  if (
    hour !== null &&
    start.isCertain('hour') &&
    !start.isCertain('meridiem') &&
    !relative &&
    hour >= 1 &&
    hour <= 7 &&
    !/\bmorning\b/i.test(text) // "every morning at 7:15" is 07:15
  )
    hour += 12;

  let day = DateTime.fromObject(
    { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! },
    { zone: timezone },
  );
  if (!explicitDay && !relative) day = local.startOf('day');
  let at = hour === null ? day.startOf('day') : day.set({ hour, minute, second: 0, millisecond: 0 });
  if (!explicitDay && !relative && hour !== null && at <= local) at = at.plus({ days: 1 });
  // "monday" said on a Monday means next week's, unless a time later today makes today possible
  const onlyWeekday = start.isCertain('weekday') && !start.isCertain('day');
  if (onlyWeekday && at.hasSame(local, 'day') && (hour === null || at <= local)) at = at.plus({ days: 7 });
  // "in 3 weeks" names a day, not the clock time three weeks on; "in 20 min" names a time.
  const relativeDay =
    relative && !start.isCertain('hour') && /\b(?:days?|weeks?|months?|years?)\b/i.test(result.text);
  if (relative) at = DateTime.fromJSDate(start.date(), { zone: timezone }).set({ second: 0, millisecond: 0 });
  if (relativeDay) at = at.startOf('day');
  const hasTime = hour !== null || (relative && !relativeDay);
  return {
    matchedText: result.text,
    when: {
      text: result.text,
      date: at.toISODate()!,
      time: hasTime ? at.toFormat('HH:mm') : null,
      at: at.toISO({ suppressMilliseconds: true })!,
    },
  };
};

const wordNumbers: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'a couple of': 2,
  couple: 2,
  'a few': 3,
  few: 3,
};

/** A length of time in minutes ("20 min", "an hour", "half an hour", "2 hrs"), or null. */
export const parseDuration = (text: string): number | null => {
  if (/\bhalf an? hour\b/.test(text)) return 30;
  if (/\bquarter of an? hour\b/.test(text)) return 15;
  const match =
    /\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|a couple of|couple|a few|few)\s*(?:more\s+)?(minutes?|mins?|m|hours?|hrs?|h)\b/.exec(
      text,
    );
  if (!match) return null;
  const amount = Number(match[1]) || wordNumbers[match[1]!] || 1;
  const unit = match[2]!;
  return Math.round(unit.startsWith('h') ? amount * 60 : amount);
};
