import { DateTime } from 'luxon';

export type QuietHours = { start: string; end: string };

const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * When `at` falls inside the person's quiet hours (in their time zone), the moment those quiet hours end;
 * otherwise null. Windows may cross midnight (22:00-08:00) or not (13:00-14:00). A wall-clock end that a DST jump
 * skips resolves to the first instant after it.
 */
export const quietUntil = (at: Date, timeZone: string, quiet: QuietHours | null): Date | null => {
  if (!quiet) return null;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = local.hour * 60 + local.minute;
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return null;
  const endDay = crossesMidnight && now >= start ? local.plus({ days: 1 }) : local;
  const endAt = endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  return endAt.toJSDate();
};

/** The start of the next local calendar day after `at`, for deferring past a daily cap. */
export const startOfNextLocalDay = (at: Date, timeZone: string): Date =>
  DateTime.fromJSDate(at, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
