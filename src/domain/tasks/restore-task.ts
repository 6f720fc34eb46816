import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { taskNotFound, type TaskDeps } from './task-access.js';
import { presentTask } from './task-dto.js';
import type { TaskCascadeResult } from './task-schemas.js';

/** Brings a deleted task back, with the steps that were deleted along with it. */
export const restoreTask = async (
  deps: TaskDeps,
  actor: Actor,
  taskId: string,
): Promise<TaskCascadeResult> => {
  const now = deps.clock.now();
  let doc = await deps.tasks.get(actor.userId, taskId);
  if (!doc) throw taskNotFound();
  if (doc.deletedAt) {
    if (doc.parentId) {
      const parent = await deps.tasks.get(actor.userId, doc.parentId);
      if (!parent || parent.deletedAt) {
        throw new AppError(
          'CONFLICT',
          'The task this step belongs to is deleted. Restore that task first; its steps come back with it.',
        );
      }
    }
    const restored = await deps.tasks.update(
      actor.userId,
      taskId,
      { deletedAt: { $ne: null } },
      { $set: { deletedAt: null, deletedWith: null, updatedAt: now } },
    );
    if (restored) await deps.audit.record(actor, 'task.restored', 'task', taskId, {});
    doc = restored ?? (await deps.tasks.get(actor.userId, taskId));
    if (!doc) throw taskNotFound();
  }
  const steps = await deps.tasks.updateMany(
    actor.userId,
    { ancestorIds: taskId, deletedWith: taskId, deletedAt: { $ne: null } },
    { $set: { deletedAt: null, deletedWith: null, updatedAt: now } },
  );
  if (steps > 0) await deps.audit.record(actor, 'task.steps_restored', 'task', taskId, { count: steps });
  return { task: await presentTask(deps, actor.userId, doc, now), stepsAffected: steps };
};
