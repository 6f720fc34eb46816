import { DateTime } from 'luxon';
import { personalMinutes } from '../breakdown/pace.js';
import type { PersonalPace } from '../breakdown/schema.js';
import { isQuietMinute, roundUpToQuarter, type QuietHours } from '../scheduling.js';
import type { DayPlan, PlanTask } from './schema.js';

export type DayFrame = { date: string; start: DateTime; end: DateTime };

const DEFAULT_MINUTES = 30;
const MAX_BLOCK = 90;
const BREAK_AFTER = 50;
const BREAK_MINUTES = 10;

const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The part of a day that can hold plans: from now (or the end of quiet hours) to the start of quiet hours.
 * Late in the evening the plan is for tomorrow.
 */
export const dayFrame = (now: Date, timezone: string, quietHours: QuietHours, date?: string): DayFrame => {
  const dayStartMinute = quietHours ? clockMinutes(quietHours.end) : 9 * 60;
  const dayEndMinute = quietHours ? clockMinutes(quietHours.start) : 21 * 60;
  const frameFor = (day: DateTime): DayFrame => {
    const open = day.startOf('day').plus({ minutes: dayStartMinute });
    const close = day
      .startOf('day')
      .plus({ minutes: dayEndMinute > dayStartMinute ? dayEndMinute : 24 * 60 - 1 });
    const earliest = roundUpToQuarter(now, timezone);
    return { date: day.toISODate()!, start: earliest > open ? earliest : open, end: close };
  };
  const today = DateTime.fromJSDate(now, { zone: timezone });
  if (date) return frameFor(DateTime.fromISO(date, { zone: timezone }));
  const frame = frameFor(today);
  const lateNow = isQuietMinute(today.hour * 60 + today.minute, quietHours);
  return frame.end.diff(frame.start, 'minutes').minutes >= 30 && !(lateNow && today.hour >= 12)
    ? frame
    : frameFor(today.plus({ days: 1 }));
};

/** How much task time fits a day at this energy (1-5 from the latest mood log; null when unknown). */
export const capacityFor = (energy: number | null): number =>
  energy === null ? 240 : energy <= 2 ? 120 : energy === 3 ? 240 : 330;

/** Lays the chosen tasks out in order from the frame's start, with a short break after each stretch of work. */
export const layOut = (
  frame: DayFrame,
  picks: { task: PlanTask; reason: string }[],
  pace: PersonalPace,
  capacity: number,
): Pick<DayPlan, 'blocks' | 'plannedMinutes'> & { placed: Set<string> } => {
  const blocks: DayPlan['blocks'] = [];
  const placed = new Set<string>();
  let cursor = frame.start;
  let planned = 0;
  let sinceBreak = 0;
  for (const { task, reason } of picks) {
    const wanted = personalMinutes(task.estimateMinutes ?? DEFAULT_MINUTES, pace, false);
    const minutes = Math.min(wanted, MAX_BLOCK, capacity - planned);
    if (minutes < 5 || cursor.plus({ minutes }) > frame.end) continue;
    if (sinceBreak >= BREAK_AFTER && cursor.plus({ minutes: BREAK_MINUTES + minutes }) <= frame.end) {
      const end = cursor.plus({ minutes: BREAK_MINUTES });
      blocks.push({
        kind: 'break',
        taskId: null,
        title: 'Break: stand up, water, stretch',
        start: cursor.toISO()!,
        end: end.toISO()!,
        minutes: BREAK_MINUTES,
        reason: 'Rest keeps the next block easier.',
      });
      cursor = end;
      sinceBreak = 0;
    }
    const end = cursor.plus({ minutes });
    const partial = minutes < wanted ? ' A first session; the rest can follow another time.' : '';
    blocks.push({
      kind: 'task',
      taskId: task.id,
      title: task.title,
      start: cursor.toISO()!,
      end: end.toISO()!,
      minutes,
      reason: reason + partial,
    });
    placed.add(task.id);
    cursor = end;
    planned += minutes;
    sinceBreak += minutes;
  }
  return { blocks, plannedMinutes: planned, placed };
};
