import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDay } from './local-day.js';
import {
  advanceStreak,
  emptyStreak,
  isMilestone,
  nextMilestone,
  STREAK_RULES,
  streakOutlook,
  type StreakState,
} from './streak-rules.js';

/** Applies completions on the given days in order. */
const run = (days: string[], start: StreakState | null = null) => {
  let state = start;
  const steps = [];
  for (const day of days) {
    const step = advanceStreak(state, day);
    steps.push(step);
    state = step.state;
  }
  return { state: state!, steps };
};

const consecutive = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => addDays(from, i));

describe('local days', () => {
  it('uses the calendar day of the time zone, not UTC', () => {
    const at = new Date('2025-06-02T05:30:00Z');
    expect(localDay(at, 'UTC')).toBe('2025-06-02');
    expect(localDay(at, 'America/Los_Angeles')).toBe('2025-06-01');
    expect(localDay(new Date('2025-06-01T13:00:00Z'), 'Pacific/Auckland')).toBe('2025-06-02');
  });

  it('counts days across month ends and DST changes', () => {
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('advanceStreak', () => {
  it('starts at 1 and grows by one per consecutive day', () => {
    const { state, steps } = run(consecutive('2025-01-01', 5));
    expect(steps.map((s) => s.state.current)).toEqual([1, 2, 3, 4, 5]);
    expect(steps[0]!.kind).toBe('started');
    expect(state.longest).toBe(5);
  });

  it('counts a day once however many things are completed on it', () => {
    const { state, steps } = run(['2025-01-01', '2025-01-01', '2025-01-02', '2025-01-02']);
    expect(state.current).toBe(2);
    expect(steps[1]).toMatchObject({ kind: 'same_day', changed: false });
    expect(state.activeDays).toBe(2);
  });

  it('ignores a completion dated before the last active day', () => {
    const { state } = run(['2025-01-05']);
    const step = advanceStreak(state, '2025-01-03');
    expect(step).toMatchObject({ kind: 'earlier_day', changed: false });
    expect(step.state).toBe(state);
  });

  it('forgives one missed day a week with the grace day, without using a freeze', () => {
    const { state } = run(['2025-01-01', '2025-01-02', '2025-01-04']);
    expect(state.current).toBe(3);
    expect(state.graceDays).toEqual(['2025-01-03']);
    expect(state.bridgedDays).toEqual([{ day: '2025-01-03', by: 'grace' }]);
  });

  it('does not give a second grace day within the same rolling week', () => {
    const first = run(['2025-01-01', '2025-01-02', '2025-01-04', '2025-01-05']).state; // grace on the 3rd
    const step = advanceStreak(first, '2025-01-07'); // misses the 6th: within 7 days of the 3rd, no freezes
    expect(step.kind).toBe('restarted');
    expect(step.state.current).toBe(1);
    expect(step.state.longest).toBe(4);
  });

  it('gives grace again once a full week has passed', () => {
    const first = run(['2025-01-01', '2025-01-02', '2025-01-04', ...consecutive('2025-01-05', 5)]).state; // last: 9th
    const step = advanceStreak(first, '2025-01-11'); // misses the 10th: 7 days after the grace on the 3rd
    expect(step.kind).toBe('bridged');
    expect(step.graceUsedOn).toEqual(['2025-01-10']);
  });

  it('earns a freeze at the 7-day milestone and spends it automatically on a missed day', () => {
    const week = run(consecutive('2025-01-01', 7));
    expect(week.steps[6]).toMatchObject({ milestone: 7, freezeEarned: true });
    expect(week.state.freezes).toBe(1);
    // misses the 8th and 9th: grace covers the 8th, the freeze the 9th
    const step = advanceStreak(week.state, '2025-01-10');
    expect(step).toMatchObject({
      kind: 'bridged',
      graceUsedOn: ['2025-01-08'],
      freezesUsedOn: ['2025-01-09'],
    });
    expect(step.state.current).toBe(8);
    expect(step.state.freezes).toBe(0);
  });

  it('restarts kindly at 1 when the gap cannot be bridged, keeping freezes and the longest run', () => {
    const week = run(consecutive('2025-01-01', 7)).state; // 1 freeze
    const step = advanceStreak(week, '2025-01-20');
    expect(step).toMatchObject({ kind: 'restarted', isComeback: true, daysAway: 12 });
    expect(step.state).toMatchObject({ current: 1, longest: 7, freezes: 1, runStartDay: '2025-01-20' });
  });

  it('marks milestones 3, 7, 14 and 30 once each in a run', () => {
    const { steps } = run(consecutive('2025-01-01', 31));
    const milestones = steps.filter((s) => s.milestone !== null).map((s) => s.milestone);
    expect(milestones).toEqual([3, 7, 14, 30]);
  });

  it('never holds more freezes than the maximum', () => {
    const { state } = run(consecutive('2024-01-01', 200));
    expect(state.freezes).toBe(STREAK_RULES.maxFreezes);
  });

  it('calls it a comeback only after several days away', () => {
    const base = run(['2025-01-01']).state;
    expect(advanceStreak(base, '2025-01-04').isComeback).toBe(false); // 2 days away
    expect(advanceStreak(base, '2025-01-05').isComeback).toBe(true); // 3 days away
  });

  it('keeps its invariants for any sequence of days', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 80 }), (gaps) => {
        let day = '2025-01-01';
        let state: StreakState | null = null;
        for (const gap of gaps) {
          day = addDays(day, gap);
          const before: StreakState = state ?? emptyStreak();
          const step = advanceStreak(state, day);
          const after = step.state;
          expect(after.current).toBeGreaterThanOrEqual(gap === 0 && state ? before.current : 1);
          expect(after.longest).toBeGreaterThanOrEqual(Math.max(before.longest, after.current));
          expect(after.freezes).toBeGreaterThanOrEqual(0);
          expect(after.freezes).toBeLessThanOrEqual(STREAK_RULES.maxFreezes);
          if (step.kind === 'restarted') expect(after.freezes).toBe(before.freezes); // a fresh start costs nothing
          if (step.kind === 'continued' || step.kind === 'bridged')
            expect(after.current).toBe(before.current + 1);
          state = after;
        }
      }),
    );
  });
});

describe('milestones and outlook', () => {
  it('lists the next milestone', () => {
    expect(nextMilestone(0)).toBe(3);
    expect(nextMilestone(3)).toBe(7);
    expect(nextMilestone(365)).toBe(730);
    expect(isMilestone(730)).toBe(true);
    expect(isMilestone(8)).toBe(false);
  });

  it('tells whether today would continue the streak, without changing it', () => {
    const state = run(consecutive('2025-01-01', 4)).state;
    expect(streakOutlook(null, '2025-01-04').status).toBe('not_started');
    expect(streakOutlook(state, '2025-01-04')).toMatchObject({ status: 'done_today', current: 4 });
    expect(streakOutlook(state, '2025-01-05')).toMatchObject({
      status: 'continues_today',
      current: 4,
      graceAvailableToday: true,
    });
    // the 5th is missed: grace covers it, so missing the 6th as well would not be forgiven
    expect(streakOutlook(state, '2025-01-06')).toMatchObject({
      status: 'continues_today',
      current: 4,
      graceAvailableToday: false,
    });
    expect(streakOutlook(state, '2025-01-08')).toMatchObject({ status: 'fresh_start', current: 0 });
  });
});
