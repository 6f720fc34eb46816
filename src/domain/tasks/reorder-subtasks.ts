import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { getOwnTask, type TaskDeps } from './task-access.js';
import { presentTasks } from './task-dto.js';
import { MAX_SUBTASKS, ReorderSubtasksSchema, type ReorderSubtasks, type TaskList } from './task-schemas.js';

/** Puts a task's steps in the given order. `ids` must be exactly its current live steps, each once. */
export const reorderSubtasks = async (
  deps: TaskDeps,
  actor: Actor,
  input: ReorderSubtasks,
): Promise<TaskList> => {
  const { parentId, ids } = ReorderSubtasksSchema.parse(input);
  await getOwnTask(deps, actor.userId, parentId);
  const steps = await deps.tasks.find(
    actor.userId,
    { parentId, deletedAt: null },
    { sort: { position: 1, _id: 1 }, limit: MAX_SUBTASKS + 1 },
  );
  const current = new Set(steps.map((s) => s._id));
  const given = new Set(ids);
  const missing = [...current].filter((id) => !given.has(id));
  const unexpected = [...given].filter((id) => !current.has(id));
  if (given.size !== ids.length || missing.length > 0 || unexpected.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid request. ids: list each of this task's ${current.size} current steps exactly once`,
      { details: { missing, unexpected, duplicates: ids.length - given.size } },
    );
  }
  const now = deps.clock.now();
  // One small write per step; each is idempotent, so repeating the call after a failure converges on this order.
  for (const [position, id] of ids.entries()) {
    const step = steps.find((s) => s._id === id)!;
    if (step.position !== position) {
      await deps.tasks.update(
        actor.userId,
        id,
        { parentId, deletedAt: null },
        { $set: { position, updatedAt: now } },
      );
    }
  }
  await deps.audit.record(actor, 'task.steps_reordered', 'task', parentId, { count: ids.length });
  const reordered = await deps.tasks.find(
    actor.userId,
    { parentId, deletedAt: null },
    { sort: { position: 1, createdAt: 1, _id: 1 }, limit: MAX_SUBTASKS + 1 },
  );
  return { items: await presentTasks(deps, actor.userId, reordered, now), nextCursor: null };
};
