import { describe, expect, it } from 'vitest';
import { computeMoodPatterns, timeOfDayFor, type MoodPoint } from './mood-patterns.js';
import { normalizeTags } from './log-mood.js';

const window = { from: new Date('2025-05-01T00:00:00Z'), to: new Date('2025-06-30T00:00:00Z') };
const log = (at: string, mood: number, energy: number): MoodPoint => ({ at: new Date(at), mood, energy });

describe('timeOfDayFor', () => {
  it('buckets hours into morning, afternoon, evening and night', () => {
    expect([4, 5, 11, 12, 16, 17, 21, 22, 0].map(timeOfDayFor)).toEqual([
      'night',
      'morning',
      'morning',
      'afternoon',
      'afternoon',
      'evening',
      'evening',
      'night',
      'night',
    ]);
  });
});

describe('computeMoodPatterns', () => {
  it("averages by weekday and time of day in the person's time zone", () => {
    // 2025-06-02 is a Monday. 06:00Z is 08:00 in Berlin (morning) but 23:00 on Sunday in Los Angeles (night).
    const logs = [
      log('2025-06-02T06:00:00Z', 4, 5),
      log('2025-06-02T06:30:00Z', 2, 3),
      log('2025-06-03T18:00:00Z', 3, 1),
    ];
    const berlin = computeMoodPatterns(logs, [], 'Europe/Berlin', window);
    expect(berlin.byWeekday.find((d) => d.weekday === 'monday')).toEqual({
      weekday: 'monday',
      count: 2,
      averageMood: 3,
      averageEnergy: 4,
    });
    expect(berlin.byTimeOfDay.find((t) => t.timeOfDay === 'morning')).toMatchObject({
      count: 2,
      averageMood: 3,
      averageEnergy: 4,
    });
    expect(berlin.byTimeOfDay.find((t) => t.timeOfDay === 'evening')).toMatchObject({
      count: 1,
      averageMood: 3,
      averageEnergy: 1,
    });
    expect(berlin.overall).toEqual({ count: 3, averageMood: 3, averageEnergy: 3 });

    const la = computeMoodPatterns(logs, [], 'America/Los_Angeles', window);
    expect(la.byWeekday.find((d) => d.weekday === 'sunday')?.count).toBe(2);
    expect(la.byTimeOfDay.find((t) => t.timeOfDay === 'night')?.count).toBe(2);
    expect(la.byWeekday).toHaveLength(7);
  });

  it('reports empty buckets as null, not zero', () => {
    const patterns = computeMoodPatterns([], [], 'UTC', window);
    expect(patterns.overall).toEqual({ count: 0, averageMood: null, averageEnergy: null });
    expect(patterns.byWeekday.every((d) => d.averageMood === null)).toBe(true);
    expect(patterns.highlights).toEqual([]);
  });

  it('compares days with and without completions, each day weighing the same', () => {
    const logs = [
      log('2025-06-02T09:00:00Z', 5, 4), // day with 2 completions
      log('2025-06-02T20:00:00Z', 3, 2), // same day: the day's mood is 4
      log('2025-06-03T09:00:00Z', 2, 2), // day without completions
      log('2025-06-04T09:00:00Z', 1, 1), // day without completions
    ];
    const completions = [
      new Date('2025-06-02T10:00:00Z'),
      new Date('2025-06-02T15:00:00Z'),
      new Date('2025-06-05T10:00:00Z'),
    ];
    const { completions: c } = computeMoodPatterns(logs, completions, 'UTC', window);
    expect(c.total).toBe(3);
    expect(c.daysWithCompletions).toEqual({ count: 1, averageMood: 4, averageEnergy: 3 });
    expect(c.daysWithoutCompletions).toEqual({ count: 2, averageMood: 1.5, averageEnergy: 1.5 });
    expect(c.byMoodLevel.find((l) => l.mood === 4)).toEqual({
      mood: 4,
      days: 1,
      completions: 2,
      averageCompletions: 2,
    });
    expect(c.byMoodLevel.find((l) => l.mood === 2)).toEqual({
      mood: 2,
      days: 1,
      completions: 0,
      averageCompletions: 0,
    });
    expect(c.byMoodLevel.find((l) => l.mood === 5)).toEqual({
      mood: 5,
      days: 0,
      completions: 0,
      averageCompletions: null,
    });
  });

  it('offers a gentle highlight only when there is enough data', () => {
    const mornings = ['2025-06-02', '2025-06-03', '2025-06-04'].map((d) => log(`${d}T08:00:00Z`, 4, 5));
    const evenings = ['2025-06-02', '2025-06-03', '2025-06-04'].map((d) => log(`${d}T19:00:00Z`, 3, 2));
    expect(computeMoodPatterns([...mornings, ...evenings], [], 'UTC', window).highlights.join(' ')).toContain(
      'morning',
    );
    expect(computeMoodPatterns([...mornings.slice(0, 2), ...evenings], [], 'UTC', window).highlights).toEqual(
      [],
    );
  });
});

describe('normalizeTags', () => {
  it('merges tags that differ only in case and spacing', () => {
    expect(normalizeTags(['Slept Badly', ' slept  badly ', 'coffee'])).toEqual(['slept badly', 'coffee']);
  });
});
