import { z } from 'zod';

/** At most this many reminders per task: enough to be reliable, few enough not to nag. */
export const MAX_REMINDERS = 10;
/** The earliest reminder is four weeks before the due time. */
export const MAX_REMINDER_MINUTES = 4 * 7 * 24 * 60;

const unitMinutes: Record<string, number> = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };

const unitAliases: Record<string, string> = {
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  wks: 'w',
  week: 'w',
  weeks: 'w',
};

export class ReminderOffsetError extends Error {
  override readonly name = 'ReminderOffsetError';
}

/**
 * Minutes before the due time for one reminder: `'15m'`, `'1h'`, `'1d'`, `'1w'`, custom amounts such as `'90m'`,
 * `'2h'`, `'3d'`, `'2 hours'`, or a plain number of minutes. `0` means "at the due time".
 */
export const parseReminderOffset = (value: string | number): number => {
  let minutes: number;
  if (typeof value === 'number') {
    minutes = value;
  } else {
    const match = /^(\d{1,6})\s*([a-z]*)$/i.exec(value.trim());
    if (!match)
      throw new ReminderOffsetError(
        `"${value.slice(0, 20)}" is not a reminder time; use e.g. 15m, 1h, 1d or 1w`,
      );
    const unit = match[2] ? unitAliases[match[2].toLowerCase()] : 'm';
    if (!unit) throw new ReminderOffsetError(`"${value.slice(0, 20)}" has an unknown unit; use m, h, d or w`);
    minutes = Number(match[1]) * unitMinutes[unit]!;
  }
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new ReminderOffsetError(
      'a reminder must be a whole number of minutes, zero or more, before the due time',
    );
  }
  if (minutes > MAX_REMINDER_MINUTES)
    throw new ReminderOffsetError('a reminder can be at most 4 weeks before the due time');
  return minutes;
};

/** Sorted, de-duplicated minutes before due; throws a ReminderOffsetError naming the first bad entry. */
export const parseReminderOffsets = (values: readonly (string | number)[]): number[] => {
  const minutes = [...new Set(values.map(parseReminderOffset))].sort((a, b) => a - b);
  if (minutes.length > MAX_REMINDERS)
    throw new ReminderOffsetError(`at most ${MAX_REMINDERS} reminders per task`);
  return minutes;
};

/** Input: `['15m', '1h', 30]`. Output: minutes before due, sorted and unique, e.g. `[15, 30, 60]`. */
export const ReminderOffsetsSchema = z
  .array(z.union([z.string().max(20), z.number()]))
  .max(MAX_REMINDERS * 2)
  .transform((values, ctx) => {
    try {
      return parseReminderOffsets(values);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid reminder' });
      return z.NEVER;
    }
  })
  .describe("Before the due time: '15m', '1h', '1d', '90m', or minutes (0 = at the due time)");
