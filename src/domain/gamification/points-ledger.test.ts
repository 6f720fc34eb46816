import { describe, expect, it } from 'vitest';
import { levelFor } from './points-ledger.js';

describe('levelFor', () => {
  it('starts everyone at level 1 and makes early levels come quickly', () => {
    expect(levelFor(0)).toEqual({ level: 1, nextLevelAt: 50 });
    expect(levelFor(49)).toEqual({ level: 1, nextLevelAt: 50 });
    expect(levelFor(50)).toEqual({ level: 2, nextLevelAt: 200 });
    expect(levelFor(200)).toEqual({ level: 3, nextLevelAt: 450 });
  });

  it('never drops below level 1 and always has a next level above the current points', () => {
    expect(levelFor(-10).level).toBe(1);
    for (const points of [0, 1, 99, 1234, 99_999])
      expect(levelFor(points).nextLevelAt).toBeGreaterThan(points);
  });
});
