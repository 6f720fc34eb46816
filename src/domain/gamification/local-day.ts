import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone; unknown zones fall back to UTC. */
export const localDay = (at: Date, timeZone: string): string => {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return (
    (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' })).toISODate() ??
    at.toISOString().slice(0, 10)
  );
};

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`): 1 for consecutive days, negative if `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The day `n` days after `day`. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
