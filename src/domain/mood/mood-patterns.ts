import { DateTime } from 'luxon';
import type { MoodPatterns, TimeOfDay, Weekday } from './mood-schemas.js';

export type MoodPoint = { at: Date; mood: number; energy: number };

type Averages = { count: number; averageMood: number | null; averageEnergy: number | null };

const weekdays: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const timesOfDay: TimeOfDay[] = ['morning', 'afternoon', 'evening', 'night'];

/** Buckets an hour of the local day: morning 05-12, afternoon 12-17, evening 17-22, night 22-05. */
export const timeOfDayFor = (hour: number): TimeOfDay => {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

const averagesOf = (points: { mood: number; energy: number }[]): Averages => {
  if (points.length === 0) return { count: 0, averageMood: null, averageEnergy: null };
  const mood = points.reduce((sum, p) => sum + p.mood, 0) / points.length;
  const energy = points.reduce((sum, p) => sum + p.energy, 0) / points.length;
  return { count: points.length, averageMood: round2(mood), averageEnergy: round2(energy) };
};

const localize = (at: Date, timezone: string): DateTime => {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' });
};

/** Needs this many logs in a bucket before a highlight may mention it. */
const MIN_FOR_HIGHLIGHT = 3;

const highlightsFor = (
  byTimeOfDay: (Averages & { timeOfDay: TimeOfDay })[],
  byWeekday: (Averages & { weekday: Weekday })[],
  withCompletions: Averages,
  withoutCompletions: Averages,
): string[] => {
  const highlights: string[] = [];
  const enoughTimes = byTimeOfDay.filter((b) => b.count >= MIN_FOR_HIGHLIGHT);
  if (enoughTimes.length >= 2) {
    const best = enoughTimes.reduce((a, b) => ((b.averageEnergy ?? 0) > (a.averageEnergy ?? 0) ? b : a));
    const worst = enoughTimes.reduce((a, b) => ((b.averageEnergy ?? 0) < (a.averageEnergy ?? 0) ? b : a));
    if ((best.averageEnergy ?? 0) - (worst.averageEnergy ?? 0) >= 0.5) {
      highlights.push(
        `Your energy tends to be highest in the ${best.timeOfDay}, which could be a good time for tasks that need a push.`,
      );
    }
  }
  const enoughDays = byWeekday.filter((b) => b.count >= MIN_FOR_HIGHLIGHT);
  if (enoughDays.length >= 2) {
    const best = enoughDays.reduce((a, b) => ((b.averageMood ?? 0) > (a.averageMood ?? 0) ? b : a));
    const worst = enoughDays.reduce((a, b) => ((b.averageMood ?? 0) < (a.averageMood ?? 0) ? b : a));
    if ((best.averageMood ?? 0) - (worst.averageMood ?? 0) >= 0.5) {
      const capitalized = best.weekday.charAt(0).toUpperCase() + best.weekday.slice(1);
      highlights.push(`${capitalized}s tend to feel best for you lately.`);
    }
  }
  if (withCompletions.count >= MIN_FOR_HIGHLIGHT && withoutCompletions.count >= MIN_FOR_HIGHLIGHT) {
    const gap = (withCompletions.averageMood ?? 0) - (withoutCompletions.averageMood ?? 0);
    if (gap >= 0.5) {
      highlights.push(
        `On days you finish something, your mood averages ${withCompletions.averageMood} compared with ${withoutCompletions.averageMood} on other days. Small wins seem to help.`,
      );
    } else if (gap <= -0.5) {
      highlights.push('Busy days seem to weigh on your mood a bit. It is fine to keep some days light.');
    }
  }
  return highlights;
};

/**
 * Mood and energy patterns by weekday, time of day and completions, in the person's time zone. Day-level
 * comparisons weigh every day equally (a day's mood is the average of that day's logs).
 */
export const computeMoodPatterns = (
  logs: MoodPoint[],
  completions: Date[],
  timezone: string,
  window: { from: Date; to: Date },
): MoodPatterns => {
  const byWeekdayPoints = new Map<Weekday, MoodPoint[]>(weekdays.map((w) => [w, []]));
  const byTimePoints = new Map<TimeOfDay, MoodPoint[]>(timesOfDay.map((t) => [t, []]));
  const byDay = new Map<string, MoodPoint[]>();
  for (const log of logs) {
    const local = localize(log.at, timezone);
    byWeekdayPoints.get(weekdays[local.weekday - 1]!)!.push(log);
    byTimePoints.get(timeOfDayFor(local.hour))!.push(log);
    const day = local.toISODate()!;
    byDay.set(day, [...(byDay.get(day) ?? []), log]);
  }
  const completionsByDay = new Map<string, number>();
  for (const at of completions) {
    const day = localize(at, timezone).toISODate()!;
    completionsByDay.set(day, (completionsByDay.get(day) ?? 0) + 1);
  }

  const dailyMeans = [...byDay.entries()].map(([day, points]) => {
    const { averageMood, averageEnergy } = averagesOf(points);
    return {
      day,
      mood: averageMood ?? 0,
      energy: averageEnergy ?? 0,
      completions: completionsByDay.get(day) ?? 0,
    };
  });
  const withCompletions = averagesOf(dailyMeans.filter((d) => d.completions > 0));
  const withoutCompletions = averagesOf(dailyMeans.filter((d) => d.completions === 0));
  const byMoodLevel = [1, 2, 3, 4, 5].map((mood) => {
    const days = dailyMeans.filter((d) => Math.min(5, Math.max(1, Math.floor(d.mood + 0.5))) === mood);
    const total = days.reduce((sum, d) => sum + d.completions, 0);
    return {
      mood,
      days: days.length,
      completions: total,
      averageCompletions: days.length ? round2(total / days.length) : null,
    };
  });

  const byWeekday = weekdays.map((weekday) => ({ weekday, ...averagesOf(byWeekdayPoints.get(weekday)!) }));
  const byTimeOfDay = timesOfDay.map((timeOfDay) => ({
    timeOfDay,
    ...averagesOf(byTimePoints.get(timeOfDay)!),
  }));
  return {
    timezone,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    overall: averagesOf(logs),
    byWeekday,
    byTimeOfDay,
    completions: {
      total: completions.length,
      daysWithCompletions: withCompletions,
      daysWithoutCompletions: withoutCompletions,
      byMoodLevel,
    },
    highlights: highlightsFor(byTimeOfDay, byWeekday, withCompletions, withoutCompletions),
  };
};
