import { DateTime } from 'luxon';

/** "the day before at 6pm": a reminder at a clock time some days before the due, not a fixed number of minutes. */
export type ReminderClock = { daysBefore: number; time: string };

const clockBefore =
  /\b(?:the\s+)?(day|night|evening|afternoon|morning)\s+before\s+(?:at|around|by)\s+(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\b\.?)?/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** The clock reminder a message asks for, and the message without those words (so the time is not read as the due). */
export const reminderClockFrom = (text: string): { clock: ReminderClock | null; rest: string } => {
  const match = clockBefore.exec(text);
  if (!match) return { clock: null, rest: text };
  let hour = Number(match[2]);
  const minute = Number(match[3] ?? 0);
  if (hour > 23 || minute > 59) return { clock: null, rest: text };
  const half = match[4]?.toLowerCase();
  const later = /night|evening|afternoon/i.test(match[1]!);
  if (half === 'p' && hour < 12) hour += 12;
  else if (half === 'a' && hour === 12) hour = 0;
  // "the night before at 9" is 9 in the evening; "the day before at 5" is 5 in the afternoon, not before dawn
  else if (!half && hour < 12 && (later || hour <= 6)) hour += 12;
  return {
    clock: { daysBefore: 1, time: `${pad(hour)}:${pad(minute)}` },
    rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`,
  };
};

/**
 * How many minutes before the due a clock reminder is: a timed due counts back in its own zone, a whole-day due
 * from the start of that day in the person's zone. Null when that moment is not before the due (or there is none).
 */
export const clockOffset = (
  clock: ReminderClock,
  due: { dueAt?: string | null; dueDate?: string | null },
  timezone: string,
): number | null => {
  const start = due.dueAt
    ? DateTime.fromISO(due.dueAt, { setZone: true })
    : due.dueDate
      ? DateTime.fromISO(due.dueDate, { zone: timezone })
      : null;
  if (!start?.isValid) return null;
  const [hour, minute] = clock.time.split(':').map(Number) as [number, number];
  const at = start.minus({ days: clock.daysBefore }).set({ hour, minute, second: 0, millisecond: 0 });
  const minutes = Math.round(start.diff(at, 'minutes').minutes);
  return minutes > 0 ? minutes : null;
};
