import { DateTime } from 'luxon';

// The small date language of scenario files, so they stay true whatever day they run: everything is relative to
// the scenario's reference clock ("now") in the person's time zone.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type Resolved = { kind: 'day'; date: string } | { kind: 'time'; local: string; at: Date };

const spanMs: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m" → 900000. */
export const parseSpan = (span: string): number => {
  const match = /^(\d+)([smhd])$/.exec(span);
  if (!match) throw new Error(`"${span}" is not a span such as 15m, 2h or 3d`);
  return Number(match[1]) * spanMs[match[2]!]!;
};

/** The reference instant of a scenario: its local wall-clock `now` in its time zone. */
export const referenceInstant = (now: string, timezone: string): Date => {
  const at = DateTime.fromISO(now, { zone: timezone });
  if (!at.isValid) throw new Error(`bad now "${now}" in ${timezone}: ${at.invalidExplanation ?? ''}`);
  return at.toJSDate();
};

const dayOf = (word: string, today: DateTime): DateTime | null => {
  if (word === 'today') return today;
  if (word === 'tomorrow') return today.plus({ days: 1 });
  if (word === 'yesterday') return today.minus({ days: 1 });
  const offset = /^([+-])(\d+)d$/.exec(word);
  if (offset) return today.plus({ days: (offset[1] === '-' ? -1 : 1) * Number(offset[2]) });
  const next = /^next-([a-z]{3})$/.exec(word);
  if (next && WEEKDAYS.includes(next[1]!)) {
    const target = WEEKDAYS.indexOf(next[1]!) + 1;
    const ahead = (target - today.weekday + 7) % 7 || 7;
    return today.plus({ days: ahead });
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) return DateTime.fromISO(word, { zone: today.zone });
  return null;
};

/** Resolves "tomorrow 17:00", "+3d", "next-mon 09:30", "2026-03-16" or "2026-03-16T09:30" at `reference`. */
export const resolveWhen = (text: string, reference: Date, timezone: string): Resolved => {
  const today = DateTime.fromJSDate(reference, { zone: timezone }).startOf('day');
  const [dayWord, time, ...rest] = text.trim().replace('T', ' ').split(/\s+/);
  const day = dayWord ? dayOf(dayWord, today) : null;
  if (!day || rest.length > 0 || (time && !/^\d{2}:\d{2}$/.test(time)))
    throw new Error(`"${text}" is not a date such as "tomorrow 17:00", "+3d" or "2026-03-16"`);
  if (!time) return { kind: 'day', date: day.toISODate()! };
  const [hour, minute] = time.split(':').map(Number);
  const at = day.set({ hour, minute });
  return { kind: 'time', local: at.toFormat("yyyy-MM-dd'T'HH:mm"), at: at.toJSDate() };
};

/** An instant as local "YYYY-MM-DDTHH:mm" in `timezone`. */
export const localMinute = (at: Date, timezone: string): string =>
  DateTime.fromJSDate(at, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm");
