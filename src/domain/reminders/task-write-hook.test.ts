import { describe, expect, it } from 'vitest';
import type { TaskDoc, TaskRepo } from '../tasks/index.js';
import { notifyTaskWrites } from './task-write-hook.js';

const task = {
  _id: 'task_a',
  userId: 'usr_1',
  status: 'todo',
  dueAt: new Date('2026-05-01T17:00:00Z'),
  reminders: [0],
  deletedAt: null,
} as unknown as TaskDoc;

/** A repository that stores nothing: only what the decorator passes through matters here. */
const fakeRepo = (updated: TaskDoc | null, inserted = true): TaskRepo =>
  ({
    insert: async () => {},
    insertIfAbsent: async () => inserted,
    update: async () => updated,
    updateMany: async () => 0,
  }) as unknown as TaskRepo;

const recorder = (fail = false) => {
  const written: string[] = [];
  const onWritten = (t: { _id: string }) => {
    if (fail) throw new Error('redis is down');
    written.push(t._id);
  };
  return { written, onWritten };
};

describe('telling reminder planning about task writes', () => {
  it('tells after an insert and after an update that matched', async () => {
    const { written, onWritten } = recorder();
    const repo = notifyTaskWrites(fakeRepo(task), onWritten);
    await repo.insert(task);
    await repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } });
    expect(written).toEqual(['task_a', 'task_a']);
  });

  it('tells nothing when the insert was a repeat or the update matched nothing', async () => {
    const { written, onWritten } = recorder();
    const repo = notifyTaskWrites(fakeRepo(null, false), onWritten);
    expect(await repo.insertIfAbsent(task)).toBe(false);
    expect(await repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } })).toBeNull();
    expect(written).toEqual([]);
  });

  it('never fails the task write when the hook fails (the scan catches up)', async () => {
    const { onWritten } = recorder(true);
    const repo = notifyTaskWrites(fakeRepo(task), onWritten);
    await expect(repo.insert(task)).resolves.toBeUndefined();
    await expect(repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } })).resolves.toBe(task);
  });
});
