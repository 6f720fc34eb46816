import { describe, expect, it } from 'vitest';
import { boundedText, understand, UNDERSTAND_MAX_CHARS, UNDERSTAND_MAX_WORDS } from './understand.js';

// Monday 10 March 2025, 10:00 in New York (the day after the DST switch)
const now = new Date('2025-03-10T14:00:00Z');
const ny = { now, timezone: 'America/New_York' };

describe('offline understanding', () => {
  it('reads "tmrw 5ish" as tomorrow at 17:00 in the person\'s zone', () => {
    const result = understand('remind me to call mom tmrw 5ish', ny);
    expect(result.intent).toBe('create_task');
    expect(result.slots.title).toBe('Call mom');
    expect(result.slots.when).toMatchObject({
      date: '2025-03-11',
      time: '17:00',
      at: '2025-03-11T17:00:00-04:00',
    });
  });

  it('reads "in 20 min" relative to now', () => {
    const result = understand('remind me in 20 min to check the oven', ny);
    expect(result.slots.when?.at).toBe('2025-03-10T10:20:00-04:00');
    expect(result.slots.title).toBe('Check the oven');
  });

  it('puts an hour that has passed today on the next day, and a bare small hour in the afternoon', () => {
    expect(understand('feed the cat at 6', ny).slots.when?.at).toBe('2025-03-10T18:00:00-04:00');
    expect(understand('stretch at 9', ny).slots.when?.at).toBe('2025-03-11T09:00:00-04:00');
  });

  it("reads dates in another zone with that zone's offset", () => {
    const berlin = understand('add pay rent tomorrow 9am', { now, timezone: 'Europe/Berlin' });
    expect(berlin.slots.when?.at).toBe('2025-03-11T09:00:00+01:00');
  });

  it('understands a bare day of the month and a weekday named on that weekday', () => {
    expect(understand('gotta renew my license before the 20th', ny).slots.when?.date).toBe('2025-03-20');
    expect(understand('move the essay to monday', ny).slots.when?.date).toBe('2025-03-17');
  });

  it('takes the target date of a move', () => {
    expect(understand('move everything from today to tomorrow', ny).slots.when?.date).toBe('2025-03-11');
  });

  it('fixes typos in command words', () => {
    expect(understand('snoze the laundry reminder 15 min', ny)).toMatchObject({
      intent: 'snooze',
      slots: { durationMinutes: 15, taskRef: 'the laundry' },
    });
    expect(understand('finshed my taxes finally', ny)).toMatchObject({
      intent: 'complete_task',
      slots: { taskRef: 'my taxes' },
    });
  });

  it('keeps "don\'t forget to" a task and "forget that" a forget', () => {
    expect(understand("don't forget to water the plants", ny).intent).toBe('create_task');
    expect(understand('forget that i hate phone calls', ny)).toMatchObject({
      intent: 'forget',
      slots: { memory: 'i hate phone calls' },
    });
  });

  it('reads mood and energy from words, numbers and emoji', () => {
    expect(understand('mood 4 energy 2', ny).slots).toMatchObject({ mood: 4, energy: 2 });
    expect(understand('energy is at like 2/10', ny).slots.energy).toBe(1);
    expect(understand('😞', ny)).toMatchObject({ intent: 'log_mood', slots: { mood: 2 } });
  });

  it('says unknown, with no confidence, for small talk', () => {
    expect(understand('lol', ny)).toMatchObject({ intent: 'unknown', confidence: 0 });
  });
});

describe('the bound on what the rules read', () => {
  it('keeps the first words of a long message, within both bounds', () => {
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const bounded = boundedText(long);
    expect(bounded.split(' ')).toHaveLength(UNDERSTAND_MAX_WORDS);
    expect(bounded.startsWith('w0 w1 w2')).toBe(true);
    expect(boundedText('x'.repeat(5_000))).toHaveLength(UNDERSTAND_MAX_CHARS);
    expect(boundedText('remind me to call mom at 5pm')).toBe('remind me to call mom at 5pm');
  });
});
