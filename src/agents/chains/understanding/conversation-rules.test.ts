import { describe, expect, it } from 'vitest';
import { understand } from './understand.js';

const at = { now: new Date('2026-03-10T14:00:00Z'), timezone: 'America/New_York' };

describe('everyday ADHD phrasings in basic mode (issue 15)', () => {
  it('answers hyperfocus, task paralysis and brain fog with warmth, never a task', () => {
    const hyper = understand('I hyperfocused all morning and forgot to eat lol', at);
    expect(hyper.intent).toBe('chat');
    const frozen = understand("task paralysis hitting hard, I've been staring at my list for an hour", at);
    expect(frozen.intent).toBe('vent');
    expect(understand("brain fog is real today, can't think straight", at).intent).toBe('vent');
    expect(understand('my brain is fried', at).intent).toBe('vent');
  });

  it('starts focus blocks for a body double and for "let\'s do N minutes on …"', () => {
    const sit = understand('sit with me for 20 minutes while I do dishes', at);
    expect(sit).toMatchObject({ intent: 'focus', slots: { durationMinutes: 20 } });
    const blog = understand("let's do 45 minutes on the blog post", at);
    expect(blog).toMatchObject({ intent: 'focus', slots: { durationMinutes: 45 } });
  });

  it('picks one thing when asked to, and reads "2 out of 5" as the mood', () => {
    expect(understand('everything feels urgent, just tell me one thing to do', at).intent).toBe('what_now');
    expect(understand('slept terribly, feeling like a 2 out of 5', at).slots.mood).toBe(2);
  });

  it('keeps "at some point" a task and "what\'s on my plate today" a list of today', () => {
    const finances = understand('I need to sort out my finances at some point', at);
    expect(finances.intent).toBe('create_task');
    expect(finances.slots.title).toMatch(/finances/i);
    const plate = understand("what's on my plate today?", at);
    expect(plate).toMatchObject({ intent: 'list_tasks', slots: { listFilter: 'today' } });
  });

  it('reads "what\'s the first step?" as about the task just talked about', () => {
    const step = understand("what's the first step?", at);
    expect(step).toMatchObject({ intent: 'break_down', slots: { taskRef: null } });
  });
});
