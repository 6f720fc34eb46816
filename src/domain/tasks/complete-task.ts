import type { Actor } from '../audit/audit-log.js';
import { celebrateCompletion, type CelebrateCompletionDeps } from '../gamification/celebrate-completion.js';
import { ensureNextOccurrence } from './ensure-next-occurrence.js';
import { pointsForCompletion } from './points.js';
import {
  busy,
  derivedTaskId,
  getOwnTask,
  WRITE_ATTEMPTS,
  withStatusChange,
  type TaskDeps,
} from './task-access.js';
import { presentTasks } from './task-dto.js';
import type { TaskDoc } from './task-repo.js';
import type { CompleteTaskResult } from './task-schemas.js';

export type CompleteTaskDeps = TaskDeps & CelebrateCompletionDeps;

const cheer = (celebration: string, alreadyDone: boolean, next: TaskDoc | null): string => {
  const upcoming = next && !next.deletedAt ? ' The next one is already on your list.' : '';
  return alreadyDone ? `That one is already done — nice.${upcoming}` : `Done! ${celebration}${upcoming}`;
};

/**
 * Marks a task done with one guarded atomic update, awards its points once (key `task_completed:<id>`), and for a
 * recurring task ensures exactly one next occurrence. Completing an already-done task repeats the idempotent steps
 * (next occurrence, points) and changes nothing else, so a retry after a crash finishes the job.
 */
export const completeTask = async (
  deps: CompleteTaskDeps,
  actor: Actor,
  taskId: string,
): Promise<CompleteTaskResult> => {
  let done: TaskDoc | null = null;
  let alreadyDone = false;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS && !done; attempt++) {
    const doc = await getOwnTask(deps, actor.userId, taskId);
    if (doc.status === 'done') {
      done = doc;
      alreadyDone = true;
      break;
    }
    const now = deps.clock.now();
    done = await deps.tasks.update(
      actor.userId,
      taskId,
      { version: doc.version, status: { $ne: 'done' }, deletedAt: null },
      {
        $set: {
          status: 'done',
          completedAt: now,
          updatedAt: now,
          statusHistory: withStatusChange(doc.statusHistory, 'done', now, actor.via),
          nextOccurrenceId: doc.recurrence ? derivedTaskId(doc._id, 'next') : null,
        },
      },
    );
    if (done) await deps.audit.record(actor, 'task.completed', 'task', taskId, { from: doc.status });
  }
  if (!done) throw busy();

  const next = await ensureNextOccurrence(deps, actor, done);
  const celebration = await celebrateCompletion(deps, actor, {
    key: `task_completed:${done._id}`,
    reason: 'task_completed',
    refId: done._id,
    points: pointsForCompletion({
      priority: done.priority,
      estimateMinutes: done.estimateMinutes,
      isSubtask: done.parentId !== null,
    }),
    completedAt: done.completedAt ?? deps.clock.now(),
  });
  const [task, nextOccurrence] = await presentTasks(
    deps,
    actor.userId,
    next ? [done, next] : [done],
    deps.clock.now(),
  );
  return {
    task: task!,
    nextOccurrence: nextOccurrence ?? null,
    alreadyDone,
    celebration,
    message: cheer(celebration.message, alreadyDone, next),
  };
};
