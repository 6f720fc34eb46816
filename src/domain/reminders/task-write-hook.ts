import type { TaskRepo } from '../tasks/task-repo.js';
import type { ReminderSource } from './reminder-times.js';

/**
 * Told about each task just written, so a new or moved due time has its reminder planned within milliseconds instead
 * of at the next scan. It must return at once and never throw: the write does not wait for it. On FerretDB the scan
 * reads every task (no index serves it), so it runs only as a safety net (`JOBS_TASK_SCAN_EVERY_MS`) for what this
 * cannot see: bulk updates (restoring a task's steps) and writes that bypass the repository.
 */
export type OnTaskWritten = (task: ReminderSource) => void;

/** The task repository, calling `onWritten` after each single-task write that changed something. */
export const notifyTaskWrites = (repo: TaskRepo, onWritten: OnTaskWritten): TaskRepo => {
  const written = (task: ReminderSource) => {
    try {
      onWritten(task);
    } catch {
      // A task write must not fail because planning did; the safety-net scan plans what this missed.
    }
  };
  return {
    ...repo,
    insert: async (task) => {
      await repo.insert(task);
      written(task);
    },
    insertIfAbsent: async (task) => {
      const inserted = await repo.insertIfAbsent(task);
      if (inserted) written(task);
      return inserted;
    },
    update: async (userId, id, guard, update) => {
      const task = await repo.update(userId, id, guard, update);
      if (task) written(task);
      return task;
    },
  };
};
