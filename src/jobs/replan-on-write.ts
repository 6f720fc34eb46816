import type { TaskRepo } from '../domain/tasks/index.js';
import type { Logger } from '../shared/logger.js';
import type { ReminderSource } from '../domain/reminders/index.js';

/** Plans the reminder jobs of tasks that were just written. */
export type PlanReminders = (tasks: ReminderSource[], now: Date) => Promise<number>;

/**
 * The task repository, planning reminders as each task is written, so a new or moved due time has its delayed job
 * within milliseconds instead of at the next scan. On FerretDB that scan reads every task (no index serves it), so
 * it now runs only as a safety net (`JOBS_TASK_SCAN_EVERY_MS`) for what this cannot see: bulk updates (restoring a
 * task's steps) and writes that bypass the repository.
 */
export const replanOnWrite = (
  repo: TaskRepo,
  plan: PlanReminders,
  clock: { now: () => Date },
  logger: Logger,
): TaskRepo => {
  const replan = (task: ReminderSource) => {
    // Not awaited: a task write must not wait for, or fail with, Redis; the safety-net scan plans what this misses.
    void plan([task], clock.now()).catch((error: unknown) =>
      logger.warn(
        { taskId: task._id, err: error instanceof Error ? error.message : String(error) },
        'reminder planning deferred to the next scan',
      ),
    );
  };
  return {
    ...repo,
    insert: async (task) => {
      await repo.insert(task);
      replan(task);
    },
    insertIfAbsent: async (task) => {
      const inserted = await repo.insertIfAbsent(task);
      if (inserted) replan(task);
      return inserted;
    },
    update: async (userId, id, guard, update) => {
      const task = await repo.update(userId, id, guard, update);
      if (task) replan(task);
      return task;
    },
  };
};
