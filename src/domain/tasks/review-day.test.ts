import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewMessage, tomorrowReason } from './review-day.js';
import type { FitFactor } from './suggest-next-task.js';

/** Words that turn an evening review into a verdict; none may appear. */
const SHAMING =
  /\b(fail\w*|missed|overdue|behind|late|lazy|should have|didn't|did not|only|unfinished|incomplete)\b/i;

const factors: FitFactor[] = [
  'fits_time',
  'quick_win',
  'easy_on_energy',
  'matches_energy',
  'due_today',
  'due_soon',
  'waiting',
  'important',
  'started',
];

describe('the evening review in words', () => {
  it('celebrates what got done and offers to move the rest', () => {
    expect(reviewMessage(3, 45, 2, 4)).toBe(
      "You finished 3 things today and earned 45 points. That counts! That's 4 days in a row. 2 tasks from today can simply move to tomorrow, whenever you're ready to say so.",
    );
    expect(reviewMessage(1, 12, 0, 1)).toBe('You finished 1 thing today and earned 12 points. That counts!');
  });

  it('is kind on a day with nothing finished', () => {
    expect(reviewMessage(0, 0, 3, 0)).toMatch(
      /^Some days are for resting and resetting, and that counts too\./,
    );
  });

  it('never uses a shaming word, whatever the day was like', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(500), fc.nat(50), fc.nat(400), (done, points, carried, streak) => {
        expect(reviewMessage(done, points, carried, streak)).not.toMatch(SHAMING);
      }),
    );
    fc.assert(
      fc.property(fc.subarray(factors), fc.boolean(), (picked, carried) => {
        expect(tomorrowReason(picked, carried)).not.toMatch(SHAMING);
      }),
    );
  });
});
