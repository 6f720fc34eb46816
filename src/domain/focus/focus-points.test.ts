import { describe, expect, it } from 'vitest';
import { focusedMinutesBetween, focusPointsFor } from './focus-points.js';

describe('focus points', () => {
  it('gives 10 points for a classic 25-minute block and scales with time', () => {
    expect(focusPointsFor(25)).toBe(10);
    expect(focusPointsFor(50)).toBe(20);
    expect(focusPointsFor(240)).toBe(96);
  });

  it('gives at least one point for any completed block', () => {
    expect(focusPointsFor(0)).toBe(1);
    expect(focusPointsFor(1)).toBe(1);
  });

  it('counts whole minutes up to the planned length', () => {
    const start = new Date('2025-06-01T10:00:00Z');
    expect(focusedMinutesBetween(start, new Date('2025-06-01T10:12:59Z'), 25)).toBe(12);
    expect(focusedMinutesBetween(start, new Date('2025-06-01T13:00:00Z'), 25)).toBe(25);
    expect(focusedMinutesBetween(start, new Date('2025-06-01T09:00:00Z'), 25)).toBe(0);
  });
});
