import { describe, expect, it } from 'vitest';
import {
  isStillWanted,
  parseReminderKey,
  plannedReminders,
  reminderKey,
  remindersToPlan,
} from './reminder-times.js';

const task = {
  _id: 'task_abcdefgh12345678',
  userId: 'usr_1',
  status: 'todo',
  dueAt: new Date('2026-05-01T17:00:00Z'),
  reminders: [60, 15, 15, 0],
  deletedAt: null,
};

describe('reminder planning', () => {
  it('plans one reminder per distinct offset, at due time minus the offset', () => {
    const planned = plannedReminders(task);
    expect(planned.map((r) => r.sendAt.toISOString())).toEqual([
      '2026-05-01T16:00:00.000Z',
      '2026-05-01T16:45:00.000Z',
      '2026-05-01T17:00:00.000Z',
    ]);
    expect(new Set(planned.map((r) => r.key)).size).toBe(3);
  });

  it('plans nothing for finished, archived, deleted or undated tasks', () => {
    expect(plannedReminders({ ...task, status: 'done' })).toEqual([]);
    expect(plannedReminders({ ...task, status: 'archived' })).toEqual([]);
    expect(plannedReminders({ ...task, deletedAt: new Date() })).toEqual([]);
    expect(plannedReminders({ ...task, dueAt: null })).toEqual([]);
  });

  it('keys are valid BullMQ custom ids and round-trip', () => {
    const key = reminderKey(task._id, task.dueAt.getTime(), 15);
    expect(key).not.toContain(':');
    expect(parseReminderKey(key)).toEqual({
      taskId: task._id,
      dueAtMs: task.dueAt.getTime(),
      offsetMinutes: 15,
    });
    expect(parseReminderKey('rem.bogus')).toBeNull();
  });

  it('drops a reminder whose task moved, finished or lost that offset', () => {
    const key = reminderKey(task._id, task.dueAt.getTime(), 15);
    expect(isStillWanted(task, key)).toBe(true);
    expect(isStillWanted({ ...task, dueAt: new Date('2026-05-02T17:00:00Z') }, key)).toBe(false);
    expect(isStillWanted({ ...task, status: 'done' }, key)).toBe(false);
    expect(isStillWanted({ ...task, reminders: [60] }, key)).toBe(false);
    expect(isStillWanted(null, key)).toBe(false);
  });

  it('never plans a reminder whose time had already passed when the task was written', () => {
    // Written 3 minutes before due with reminders 2 and 15 minutes before: only the 2-minute one can still happen.
    const written = { ...task, reminders: [2, 15], updatedAt: new Date('2026-05-01T16:57:00Z') };
    expect(remindersToPlan(written).map((r) => r.offsetMinutes)).toEqual([2]);
    // A reminder a few seconds past at the write still goes out (as an ordinary reminder, at once).
    expect(
      remindersToPlan({ ...written, reminders: [0], updatedAt: new Date('2026-05-01T17:00:30Z') }),
    ).toHaveLength(1);
    // Written long before: every reminder is planned, and one delivered late is a genuinely missed one.
    expect(remindersToPlan({ ...written, updatedAt: new Date('2026-04-30T09:00:00Z') })).toHaveLength(2);
    expect(remindersToPlan({ ...task, reminders: [2, 15] })).toHaveLength(2);
  });
});
