import { DateTime } from 'luxon';
import { z } from 'zod';

export const TimeOfDayChoiceSchema = z.enum(['morning', 'afternoon', 'evening', 'any']);
export type TimeOfDayChoice = z.infer<typeof TimeOfDayChoiceSchema>;

export type QuietHours = { start: string; end: string } | null;
export type Interval = { start: Date; end: Date };

/** Working windows per time of day, in local hours [from, to). */
export const WINDOWS: Record<TimeOfDayChoice, [number, number]> = {
  morning: [9, 12],
  afternoon: [13, 17],
  evening: [18, 21],
  any: [9, 21],
};

const STEP_MINUTES = 15;

const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** True when a local wall-clock minute of the day falls in quiet hours (which may wrap midnight). */
export const isQuietMinute = (minuteOfDay: number, quiet: QuietHours): boolean => {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
};

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** The next quarter hour at or after an instant, in the person's zone. */
export const roundUpToQuarter = (at: Date, timezone: string): DateTime => {
  const local = DateTime.fromJSDate(at, { zone: timezone }).startOf('minute');
  const extra = (STEP_MINUTES - (local.minute % STEP_MINUTES)) % STEP_MINUTES;
  return local.plus({ minutes: extra });
};

export type SlotQuery = {
  now: Date;
  timezone: string;
  minutes: number;
  timeOfDay: TimeOfDayChoice;
  quietHours: QuietHours;
  busy: Interval[];
  /** Slots must end by then when possible. */
  dueAt: Date | null;
  daysAhead?: number;
};

/**
 * The earliest free slot of `minutes` in the chosen time of day over the coming days, outside quiet hours and busy
 * intervals. When none fits before the due time in the preferred window, any free daytime slot before it is used.
 */
export const findSlot = (query: SlotQuery): Interval | null => {
  const length = Math.max(STEP_MINUTES, Math.min(query.minutes, 90));
  const search = (choice: TimeOfDayChoice, mustEndBy: Date | null): Interval | null => {
    const earliest = roundUpToQuarter(query.now, query.timezone);
    const [from, to] = WINDOWS[choice];
    for (let day = 0; day <= (query.daysAhead ?? 6); day++) {
      const base = earliest.startOf('day').plus({ days: day });
      let start = base.set({ hour: from });
      if (start < earliest) start = earliest;
      const windowEnd = base.set({ hour: to });
      while (start.plus({ minutes: length }) <= windowEnd) {
        const slot = { start: start.toJSDate(), end: start.plus({ minutes: length }).toJSDate() };
        if (mustEndBy && slot.end > mustEndBy) return null;
        const startMinute = start.hour * 60 + start.minute;
        const quiet =
          isQuietMinute(startMinute, query.quietHours) ||
          isQuietMinute(startMinute + length - 1, query.quietHours);
        if (!quiet && !query.busy.some((b) => overlaps(slot, b))) return slot;
        start = start.plus({ minutes: STEP_MINUTES });
      }
    }
    return null;
  };
  const due = query.dueAt && query.dueAt > query.now ? query.dueAt : null;
  return (
    search(query.timeOfDay, due) ??
    (due ? search('any', due) : null) ??
    (due ? search(query.timeOfDay, null) : null)
  );
};

/** "today at 14:30", "tomorrow at 09:00", "Thursday at 18:00", in the person's zone. */
export const describeSlotStart = (start: Date, now: Date, timezone: string): string => {
  const local = DateTime.fromJSDate(start, { zone: timezone });
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const days = Math.round(local.startOf('day').diff(today, 'days').days);
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : local.toFormat('cccc');
  return `${day} at ${local.toFormat('HH:mm')}`;
};
