import { describe, expect, it } from 'vitest';
import { understand } from '../../agents/index.js';
import { planText } from './plan-calls.js';
import { planReference } from './references.js';

// Monday 10 March 2025, 10:00 in New York
const now = new Date('2025-03-10T14:00:00Z');
const timezone = 'America/New_York';
const available = new Set(['create_task', 'break_down_task', 'delete_task', 'start_task', 'restore_task']);
const plan = (text: string) =>
  planText(text, understand(text, { now, timezone }), { now, timezone, available }).calls.map((c) => ({
    name: c.name,
    args: c.args,
    lookup: c.lookup,
  }));

describe('basic mode replies that point at the task last talked about', () => {
  it('saves the steps just proposed', () => {
    for (const text of [
      'yep those work, save them',
      'nice, keep those',
      'perfect, save them',
      'ok yes, save those steps',
    ]) {
      expect(plan(text), text).toEqual([
        { name: 'break_down_task', args: { save: true }, lookup: { kind: 'task', words: null } },
      ]);
    }
  });

  it('reads "add these:" followed by a list as new tasks, not as saving steps', () => {
    expect(plan('add these:\n- email professor\n- return library books\n- book haircut')).toEqual(
      ['Email professor', 'Return library books', 'Book haircut'].map((title) => ({
        name: 'create_task',
        args: expect.objectContaining({ title }),
        lookup: undefined,
      })),
    );
  });

  it('"remind me about that the day before at 6pm" counts back from the task\'s due once it is found', () => {
    expect(plan('remind me about that the day before at 6pm')).toEqual([
      {
        name: 'update_task',
        args: { changes: { reminders: [] } },
        lookup: { kind: 'task', words: null, reminderClock: { daysBefore: 1, time: '18:00', timezone } },
      },
    ]);
  });

  it('finishes a step, moves, deletes, starts and restores', () => {
    expect(plan('ok I did the first step')).toEqual([
      { name: 'complete_task', args: {}, lookup: { kind: 'task', words: 'the first step' } },
    ]);
    expect(plan('actually make it tomorrow at 11')).toEqual([
      {
        name: 'update_task',
        args: { changes: { dueAt: '2025-03-11T11:00:00-04:00', dueDate: null } },
        lookup: { kind: 'task', words: null },
      },
    ]);
    expect(plan('never mind, delete that one')).toEqual([
      { name: 'delete_task', args: {}, lookup: { kind: 'task', words: null } },
    ]);
    expect(plan("ok let's start it")).toEqual([
      { name: 'start_task', args: {}, lookup: { kind: 'task', words: null } },
    ]);
    expect(plan('wait, bring call grandma back')).toEqual([
      { name: 'restore_task', args: {}, lookup: { kind: 'task', words: 'call grandma', deleted: true } },
    ]);
  });

  it('reads "I replied to X" as finishing X', () => {
    expect(plan("I replied to jordan's email finally")[0]).toMatchObject({
      name: 'complete_task',
      lookup: { kind: 'task', words: "replied to jordan's email" },
    });
  });

  it('moves the task only when the rest is a time and nothing else', () => {
    const moves = (text: string) =>
      planReference(text, understand(text, { now, timezone }))?.calls[0]?.args.changes ?? null;
    expect(moves('ok move it to tomorrow morning please')).toEqual({
      dueAt: '2025-03-11T09:00:00-04:00',
      dueDate: null,
    });
    expect(moves('change it to friday instead')).toEqual({ dueDate: '2025-03-14', dueAt: null });
    // a repeat, a length, a reminder or a priority is not a new time for the task
    for (const text of [
      'make it every day at 9',
      'make it weekly',
      'make it 30 minutes',
      'make that a reminder at 5',
      'make it high priority for tomorrow',
    ])
      expect(moves(text), text).toBeNull();
  });

  it('leaves new requests alone', () => {
    expect(plan('save this: my locker code is 4411')[0]?.name).not.toBe('break_down_task');
    expect(plan('add buy milk')[0]?.name).toBe('create_task');
  });
});
