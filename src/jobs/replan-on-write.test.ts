import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { TaskDoc, TaskRepo } from '../domain/tasks/index.js';
import { createLogger } from '../shared/logger.js';
import type { ReminderSource } from '../domain/reminders/index.js';
import { replanOnWrite } from './replan-on-write.js';

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
  const planned: string[] = [];
  const plan = async (tasks: ReminderSource[]) => {
    if (fail) throw new Error('redis is down');
    planned.push(...tasks.map((t) => t._id));
    return tasks.length;
  };
  return { planned, plan };
};

const clock = { now: () => new Date('2026-05-01T12:00:00Z') };
const logger = createLogger('silent');

describe('planning reminders on task writes', () => {
  it('plans after an insert and after an update that matched', async () => {
    const { planned, plan } = recorder();
    const repo = replanOnWrite(fakeRepo(task), plan, clock, logger);
    await repo.insert(task);
    await repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } });
    await tick(0);
    expect(planned).toEqual(['task_a', 'task_a']);
  });

  it('plans nothing when the insert was a repeat or the update matched nothing', async () => {
    const { planned, plan } = recorder();
    const repo = replanOnWrite(fakeRepo(null, false), plan, clock, logger);
    expect(await repo.insertIfAbsent(task)).toBe(false);
    expect(await repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } })).toBeNull();
    await tick(0);
    expect(planned).toEqual([]);
  });

  it('never fails the task write when planning fails (the scan catches up)', async () => {
    const { plan } = recorder(true);
    const repo = replanOnWrite(fakeRepo(task), plan, clock, logger);
    await expect(repo.insert(task)).resolves.toBeUndefined();
    await expect(repo.update('usr_1', 'task_a', {}, { $set: { title: 'x' } })).resolves.toBe(task);
  });
});
