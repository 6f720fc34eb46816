import { describe, expect, it } from 'vitest';
import { understand } from '../../agents/index.js';
import { AWAITING_TIME_TTL_MS, planAwaitedTime, planText } from './plan-calls.js';

// Monday 10 March 2025, 10:00 in New York
const now = new Date('2025-03-10T14:00:00Z');
const timezone = 'America/New_York';
const plan = (text: string) =>
  planText(text, understand(text, { now, timezone }), { now, timezone, available: new Set(['create_task']) });

describe('basic mode making tasks', () => {
  it('turns a request into create_task calls with due, repeat and reminders', () => {
    expect(plan('remind me to call mom tomorrow at 5pm').calls.map((c) => c.args)).toEqual([
      { title: 'Call mom', dueAt: '2025-03-11T17:00:00-04:00', reminders: [0] },
    ]);
    expect(plan('every weekday at 8 take meds').calls[0]!.args).toEqual({
      title: 'Take meds',
      dueAt: '2025-03-11T08:00:00-04:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    });
    expect(plan("I need to write my thesis, it's due in 3 weeks").calls[0]!.args).toEqual({
      title: 'Write my thesis',
      dueDate: '2025-03-31',
    });
    expect(
      plan('I need to buy milk, call the dentist and email Sam tomorrow').calls.map((c) => c.args),
    ).toEqual([
      { title: 'Buy milk', dueDate: '2025-03-11' },
      { title: 'Call the dentist', dueDate: '2025-03-11' },
      { title: 'Email Sam', dueDate: '2025-03-11' },
    ]);
  });

  it('asks when to remind instead of guessing, and the answer completes the task', () => {
    const asked = plan('remind me to call mom');
    expect(asked.calls).toEqual([]);
    expect(asked.notes).toEqual(['When should I remind you to call mom?']);
    expect(asked.awaitingTime).toEqual({ titles: ['Call mom'], askedAt: now.toISOString() });
    const later = new Date(now.getTime() + 60_000);
    const answered = planAwaitedTime('at 5', asked.awaitingTime!, { now: later, timezone });
    expect(answered?.calls.map((c) => [c.name, c.args])).toEqual([
      ['create_task', { title: 'Call mom', dueAt: '2025-03-10T17:00:00-04:00', reminders: [0] }],
    ]);
    expect(
      planAwaitedTime('friday', asked.awaitingTime!, { now: later, timezone })?.calls[0]!.args,
    ).toMatchObject({
      dueAt: '2025-03-14T09:00:00-04:00',
    });
  });

  it('asks once for several reminders without a time, and makes them all', () => {
    const asked = plan('remind me to call mom and email Sam');
    expect(asked.notes).toEqual(['When should I remind you to call mom and email Sam?']);
    const answered = planAwaitedTime('tomorrow at 9am', asked.awaitingTime!, { now, timezone });
    expect(answered?.calls.map((c) => c.args)).toEqual([
      { title: 'Call mom', dueAt: '2025-03-11T09:00:00-04:00', reminders: [0] },
      { title: 'Email Sam', dueAt: '2025-03-11T09:00:00-04:00', reminders: [0] },
    ]);
  });

  it('lets the question lapse for a new request or after a while', () => {
    const awaiting = { titles: ['Call mom'], askedAt: now.toISOString() };
    expect(planAwaitedTime('what should I do now?', awaiting, { now, timezone })).toBeNull();
    expect(planAwaitedTime('buy milk tomorrow', awaiting, { now, timezone })).toBeNull();
    const late = new Date(now.getTime() + AWAITING_TIME_TTL_MS);
    expect(planAwaitedTime('at 5', awaiting, { now: late, timezone })).toBeNull();
  });
});

describe('a reminder for the task just talked about', () => {
  it('"remind me about it an hour before" adds a 60-minute reminder to that task, not a new task', () => {
    expect(plan('remind me about it an hour before')).toMatchObject({
      calls: [
        {
          name: 'update_task',
          args: { changes: { reminders: [60] } },
          lookup: { kind: 'task', words: null },
        },
      ],
      notes: [],
    });
  });
});
