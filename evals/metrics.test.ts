import { describe, expect, it } from 'vitest';
import { choose, meanPassHatK, passHatK } from './lib/metrics.js';

describe('the pass^k estimator', () => {
  it('is the plain pass rate for k = 1', () => {
    expect(passHatK(3, 4, 1)).toBe(0.75);
    expect(
      meanPassHatK(
        [
          { passes: 4, runs: 4 },
          { passes: 0, runs: 4 },
        ],
        1,
      ),
    ).toBe(0.5);
  });

  it('counts a scenario only when all k of k runs would pass: C(c,k)/C(n,k)', () => {
    expect(choose(4, 2)).toBe(6);
    expect(passHatK(3, 4, 2)).toBeCloseTo(3 / 6);
    expect(passHatK(3, 4, 4)).toBe(0);
    expect(passHatK(4, 4, 4)).toBe(1);
    expect(
      meanPassHatK(
        [
          { passes: 4, runs: 4 },
          { passes: 3, runs: 4 },
        ],
        4,
      ),
    ).toBe(0.5);
  });

  it('refuses k larger than the number of runs', () => {
    expect(() => passHatK(1, 1, 2)).toThrow(/at least 2 runs/);
  });
});
