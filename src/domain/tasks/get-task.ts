import type { Actor } from '../audit/audit-log.js';
import { getOwnTask, type TaskDeps } from './task-access.js';
import { presentTask } from './task-dto.js';
import type { Task } from './task-schemas.js';

/** One of the acting person's tasks; a recently deleted one too (its `deletedAt` says so), so it can be restored. */
export const getTask = async (
  deps: Pick<TaskDeps, 'tasks' | 'clock'>,
  actor: Actor,
  taskId: string,
): Promise<Task> => {
  const task = await getOwnTask(deps, actor.userId, taskId, { includeDeleted: true });
  return presentTask(deps, actor.userId, task, deps.clock.now());
};
