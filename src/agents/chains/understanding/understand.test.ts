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

  it('says unknown, with no confidence, for what it cannot read', () => {
    expect(understand('asdfgh', ny)).toMatchObject({ intent: 'unknown', confidence: 0 });
  });
});

describe('offline understanding: what kind of message it is, and what it asks for', () => {
  it('tells chatter, feelings and looking back from tasks (issue 15)', () => {
    expect(understand('lol', ny).intent).toBe('chat');
    expect(understand('thanks, goodnight', ny).intent).toBe('chat');
    expect(understand("I have a lot to do today and I'm overwhelmed", ny).intent).toBe('vent');
    expect(understand("I failed again, I'm useless", ny).intent).toBe('vent');
    expect(understand('how did I do today?', ny).intent).toBe('review_day');
    // a request in the same message wins over the thanks
    expect(understand('thanks, remind me to call mom at 5pm', ny).intent).toBe('create_task');
    expect(understand('remind me to go to bed at 11pm', ny).intent).toBe('create_task');
    expect(understand('night!', ny).intent).toBe('chat');
    expect(understand('night out with friends friday at 8pm', ny).intent).not.toBe('chat');
  });

  it('reads edits of a task: delete, rename, reopen, with the task and the new name', () => {
    expect(understand('delete pay rent', ny)).toMatchObject({
      intent: 'delete_task',
      slots: { taskRef: 'pay rent' },
    });
    expect(understand('rename go to gym to gym session', ny)).toMatchObject({
      intent: 'rename_task',
      slots: { taskRef: 'go to gym', title: 'Gym session' },
    });
    expect(understand('call it Gym session', ny)).toMatchObject({
      intent: 'rename_task',
      slots: { taskRef: null, title: 'Gym session' },
    });
    expect(understand('reopen fold the laundry', ny)).toMatchObject({
      intent: 'reopen_task',
      slots: { taskRef: 'fold the laundry' },
    });
    expect(understand('mark the laundry as not done', ny)).toMatchObject({
      intent: 'reopen_task',
      slots: { taskRef: 'the laundry' },
    });
    expect(understand('help me break down cleaning the garage', ny)).toMatchObject({
      intent: 'break_down',
      slots: { taskRef: 'cleaning the garage' },
    });
  });

  it('reads time and energy in "what now", focus lengths, recall and rewards questions', () => {
    expect(understand("i have 15 minutes, what's something quick", ny)).toMatchObject({
      intent: 'what_now',
      slots: { durationMinutes: 15 },
    });
    expect(understand('low energy rn, anything easy?', ny)).toMatchObject({
      intent: 'what_now',
      slots: { energy: 2 },
    });
    expect(understand('start a 25 minute focus session', ny)).toMatchObject({
      intent: 'focus',
      slots: { durationMinutes: 25 },
    });
    // the end of a block is not the end of a task
    expect(understand("I've finished the focus block", ny).intent).toBe('end_focus');
    expect(understand('pomodoro session is over', ny).intent).toBe('end_focus');
    expect(understand('I finished my taxes', ny).intent).toBe('complete_task');
    expect(understand('Another 15 minute focus block', ny)).toMatchObject({
      intent: 'focus',
      slots: { durationMinutes: 15 },
    });
    expect(understand('when do I work best?', ny)).toMatchObject({
      intent: 'recall',
      slots: { memory: 'when do I work best?' },
    });
    expect(understand('what do you remember about me?', ny)).toMatchObject({
      intent: 'recall',
      slots: { memory: null },
    });
    expect(understand('how have I been feeling?', ny).intent).toBe('mood_patterns');
    expect(understand('what rewards can I get?', ny).intent).toBe('rewards');
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
