import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offlineBreakdown } from './offline.js';
import { learnPace, neutralPace, sizingFor } from './pace.js';
import { BreakdownSchema } from './schema.js';

describe('offline breakdown', () => {
  it('always gives 3-8 valid steps with a first step of at most 2 minutes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 120 }).filter((s) => s.trim().length > 0),
        fc.integer({ min: 1, max: 5 }),
        fc.record({
          estimateMultiplier: fc.double({ min: 0.5, max: 3, noNaN: true }),
          typicalStepMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
          samples: fc.nat(50),
        }),
        (title, granularity, pace) => {
          const breakdown = BreakdownSchema.parse(offlineBreakdown({ title, granularity }, pace));
          expect(breakdown.steps.length).toBeGreaterThanOrEqual(3);
          expect(breakdown.steps.length).toBeLessThanOrEqual(8);
          expect(breakdown.steps[0]!.minutes).toBeLessThanOrEqual(2);
        },
      ),
    );
  });

  it('gives more, smaller steps at higher granularity', () => {
    const coarse = offlineBreakdown({ title: 'Clean the garage', granularity: 1 }, neutralPace);
    const fine = offlineBreakdown({ title: 'Clean the garage', granularity: 5 }, neutralPace);
    expect(fine.steps.length).toBeGreaterThan(coarse.steps.length);
    expect(Math.max(...fine.steps.map((s) => s.minutes))).toBeLessThan(
      Math.max(...coarse.steps.map((s) => s.minutes)),
    );
  });

  it('keeps steps near the size this person finishes, and stretches estimates by their pace', () => {
    const pace = learnPace({
      finishedStepMinutes: [5, 5, 10, 5, 10],
      timed: [
        { estimateMinutes: 30, actualMinutes: 60 },
        { estimateMinutes: 20, actualMinutes: 40 },
        { estimateMinutes: 60, actualMinutes: 120 },
        { estimateMinutes: 10, actualMinutes: 20 },
        { estimateMinutes: 15, actualMinutes: 30 },
        { estimateMinutes: 45, actualMinutes: 90 },
      ],
    });
    expect(pace.typicalStepMinutes).toBe(5);
    expect(pace.estimateMultiplier).toBeGreaterThan(1.5);
    expect(pace.estimateMultiplier).toBeLessThanOrEqual(2);
    expect(sizingFor(1, pace).maxStepMinutes).toBeLessThanOrEqual(10);
    const neutral = offlineBreakdown({ title: 'Write the quarterly report', granularity: 3 }, neutralPace);
    const personal = offlineBreakdown({ title: 'Write the quarterly report', granularity: 3 }, pace);
    expect(personal.steps[0]!.minutes).toBeLessThanOrEqual(2);
    expect(personal.note).toMatch(/your pace/);
    expect(
      personal.steps.slice(1).every((s, i) => s.minutes >= neutral.steps[i + 1]!.minutes || s.minutes <= 20),
    ).toBe(true);
  });

  it('stays neutral with too little history, and is not thrown by one forgotten timer', () => {
    expect(
      learnPace({ finishedStepMinutes: [10], timed: [{ estimateMinutes: 10, actualMinutes: 600 }] }),
    ).toMatchObject({ estimateMultiplier: 1, typicalStepMinutes: null });
    const pace = learnPace({
      finishedStepMinutes: [],
      timed: [
        { estimateMinutes: 30, actualMinutes: 30 },
        { estimateMinutes: 30, actualMinutes: 33 },
        { estimateMinutes: 30, actualMinutes: 900 },
      ],
    });
    expect(pace.estimateMultiplier).toBeLessThan(1.1);
  });

  it('names the task in its first step where that reads naturally', () => {
    expect(
      offlineBreakdown({ title: 'call the dentist to reschedule' }, neutralPace).steps[0]!.title,
    ).toContain('the dentist');
    expect(offlineBreakdown({ title: 'declutter my closet' }, neutralPace).steps[0]!.title).toContain(
      'your closet',
    );
  });
});
