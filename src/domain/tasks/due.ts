import { DateTime } from 'luxon';
import type { Occurrence } from './recurrence.js';
import { NO_DUE_SORT, type TaskDoc } from './task-repo.js';

export type DueFields = Pick<TaskDoc, 'dueAt' | 'dueDate' | 'dueEndAt' | 'dueSortAt'>;

export const noDue: DueFields = { dueAt: null, dueDate: null, dueEndAt: null, dueSortAt: NO_DUE_SORT };

/** Start of a calendar day in a zone (not always 00:00: some zones skip midnight on DST days). */
export const startOfDay = (date: string, timezone: string): Date =>
  DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();

/** The calendar day an instant falls on in a zone, YYYY-MM-DD. */
export const localDate = (at: Date, timezone: string): string =>
  DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? at.toISOString().slice(0, 10);

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;

/** An ISO date-time with an offset, or a wall-clock date-time read in `timezone`. */
export const parseDueAt = (text: string, timezone: string): Date =>
  DateTime.fromISO(text, { zone: timezone }).toJSDate();

export const dueFromOccurrence = (occurrence: Occurrence, timezone: string): DueFields => {
  if (occurrence.kind === 'timed') {
    return { dueAt: occurrence.at, dueDate: null, dueEndAt: occurrence.at, dueSortAt: occurrence.at };
  }
  const start = startOfDay(occurrence.date, timezone);
  const end = startOfDay(addDays(occurrence.date, 1), timezone);
  return { dueAt: start, dueDate: occurrence.date, dueEndAt: end, dueSortAt: start };
};

/** The due fields for what a person typed: a time (`dueAt`), a day (`dueDate`), or neither. */
export const dueFromInput = (
  input: { dueAt?: string | null; dueDate?: string | null },
  timezone: string,
): DueFields => {
  if (input.dueAt)
    return dueFromOccurrence({ kind: 'timed', at: parseDueAt(input.dueAt, timezone) }, timezone);
  if (input.dueDate) return dueFromOccurrence({ kind: 'date', date: input.dueDate }, timezone);
  return noDue;
};

export const occurrenceOf = (due: Pick<TaskDoc, 'dueAt' | 'dueDate'>): Occurrence | null => {
  if (due.dueDate) return { kind: 'date', date: due.dueDate };
  if (due.dueAt) return { kind: 'timed', at: due.dueAt };
  return null;
};

/** The same wall-clock time (or the same all-day-ness) on another calendar day. */
export const moveToDay = (
  task: Pick<TaskDoc, 'dueAt' | 'dueDate' | 'timezone'>,
  date: string,
): Occurrence => {
  if (task.dueAt && !task.dueDate) {
    const local = DateTime.fromJSDate(task.dueAt, { zone: task.timezone });
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return { kind: 'timed', at: local.set({ year, month, day }).toJSDate() };
  }
  return { kind: 'date', date };
};

/** Calendar days between two dates (b - a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
