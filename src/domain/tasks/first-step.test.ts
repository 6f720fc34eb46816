import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STARTER_MINUTES, starterStep } from './first-step.js';

describe('a two-minute starter', () => {
  it('fits the kind of task', () => {
    expect(starterStep('Write the thesis intro').title).toBe('Open the document and write one sentence');
    expect(starterStep('Email the landlord').title).toBe(
      'Open the message and write the first line of a reply',
    );
    expect(starterStep('Pay the phone bill').title).toBe('Open the bill or your banking app, just to look');
    expect(starterStep('Clean the garage').title).toBe('Set a 2-minute timer and clear one small surface');
  });

  it('names the task when nothing more specific fits', () => {
    expect(starterStep('  Renew   passport ')).toEqual({
      title: 'Set a 2-minute timer and get out what you need for "Renew passport"',
      minutes: STARTER_MINUTES,
    });
  });

  it('is always one short, two-minute step, the same for the same title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (title) => {
        const step = starterStep(title);
        expect(step.minutes).toBe(2);
        expect(step.title.length).toBeLessThanOrEqual(140);
        expect(starterStep(title)).toEqual(step);
      }),
    );
  });
});
