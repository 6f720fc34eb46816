import type { Actor } from '../audit/audit-log.js';
import { taskNotFound, type TaskDeps } from './task-access.js';
import { presentTask } from './task-dto.js';
import type { TaskCascadeResult } from './task-schemas.js';

/**
 * Moves a task and all its live steps to the recently deleted list (soft delete). The task is marked first, then
 * its steps with `deletedWith`, so a retry after a crash finishes the cascade and a restore undoes exactly it.
 */
export const deleteTask = async (
  deps: TaskDeps,
  actor: Actor,
  taskId: string,
): Promise<TaskCascadeResult> => {
  const now = deps.clock.now();
  let doc = await deps.tasks.get(actor.userId, taskId);
  if (!doc) throw taskNotFound();
  if (!doc.deletedAt) {
    const deleted = await deps.tasks.update(
      actor.userId,
      taskId,
      { deletedAt: null },
      { $set: { deletedAt: now, deletedWith: null, updatedAt: now } },
    );
    if (deleted) await deps.audit.record(actor, 'task.deleted', 'task', taskId, {});
    doc = deleted ?? (await deps.tasks.get(actor.userId, taskId));
    if (!doc) throw taskNotFound();
  }
  const steps = await deps.tasks.updateMany(
    actor.userId,
    { ancestorIds: taskId, deletedAt: null },
    { $set: { deletedAt: doc.deletedAt ?? now, deletedWith: taskId, updatedAt: now } },
  );
  if (steps > 0) await deps.audit.record(actor, 'task.steps_deleted', 'task', taskId, { count: steps });
  return { task: await presentTask(deps, actor.userId, doc, now), stepsAffected: steps };
};
