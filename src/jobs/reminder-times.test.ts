import { describe, expect, it } from 'vitest';
import { isStillWanted, parseReminderKey, plannedReminders, reminderKey } from './reminder-times.js';

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
});
