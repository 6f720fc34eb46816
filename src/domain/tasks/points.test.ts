import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsForCompletion } from './points.js';

describe('points for a completion', () => {
  it('rewards priority and bigger estimates', () => {
    expect(pointsForCompletion({ priority: 'medium', estimateMinutes: null, isSubtask: false })).toBe(12);
    expect(pointsForCompletion({ priority: 'low', estimateMinutes: null, isSubtask: false })).toBe(10);
    expect(pointsForCompletion({ priority: 'urgent', estimateMinutes: 60, isSubtask: false })).toBe(22);
    expect(pointsForCompletion({ priority: 'high', estimateMinutes: 240, isSubtask: false })).toBe(31);
    // The estimate bonus is capped so a huge estimate is not a points farm.
    expect(pointsForCompletion({ priority: 'high', estimateMinutes: 1440, isSubtask: false })).toBe(31);
  });

  it('gives steps smaller, but never zero, rewards', () => {
    expect(pointsForCompletion({ priority: 'low', estimateMinutes: null, isSubtask: true })).toBe(3);
    expect(pointsForCompletion({ priority: 'medium', estimateMinutes: 5, isSubtask: true })).toBe(4);
  });

  it('is always a positive whole number, and a step never earns more than the same task on its own', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('low', 'medium', 'high', 'urgent' as const),
        fc.option(fc.integer({ min: 1, max: 1440 }), { nil: null }),
        (priority, estimateMinutes) => {
          const task = pointsForCompletion({ priority, estimateMinutes, isSubtask: false });
          const step = pointsForCompletion({ priority, estimateMinutes, isSubtask: true });
          return Number.isInteger(task) && Number.isInteger(step) && step >= 1 && step < task;
        },
      ),
    );
  });
});
