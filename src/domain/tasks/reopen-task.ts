import type { Actor } from '../audit/audit-log.js';
import {
  busy,
  getOwnTask,
  OPEN_STATUSES,
  WRITE_ATTEMPTS,
  withStatusChange,
  type TaskDeps,
} from './task-access.js';
import { presentTask } from './task-dto.js';
import type { Task } from './task-schemas.js';

/** Brings a finished or archived task back to the to-do list. Points already earned stay earned. */
export const reopenTask = async (deps: TaskDeps, actor: Actor, taskId: string): Promise<Task> => {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const doc = await getOwnTask(deps, actor.userId, taskId);
    const now = deps.clock.now();
    if (OPEN_STATUSES.includes(doc.status)) return presentTask(deps, actor.userId, doc, now);
    const reopened = await deps.tasks.update(
      actor.userId,
      taskId,
      { version: doc.version, status: doc.status, deletedAt: null },
      {
        $set: {
          status: 'todo',
          completedAt: null,
          updatedAt: now,
          statusHistory: withStatusChange(doc.statusHistory, 'todo', now, actor.via),
        },
      },
    );
    if (reopened) {
      await deps.audit.record(actor, 'task.reopened', 'task', taskId, { from: doc.status });
      return presentTask(deps, actor.userId, reopened, now);
    }
  }
  throw busy();
};
