import type { Actor } from '../audit/audit-log.js';
import { addDays, daysBetween, dueFromOccurrence, localDate, moveToDay, occurrenceOf } from './due.js';
import { nextOccurrence } from './recurrence.js';
import { derivedTaskId, withStatusChange, type TaskDeps } from './task-access.js';
import type { TaskDoc } from './task-repo.js';

/** A fresh, open copy of a task with a new id, place and due date. */
const freshCopy = (
  source: TaskDoc,
  changes: Partial<TaskDoc> & Pick<TaskDoc, '_id'>,
  now: Date,
  actor: Actor,
): TaskDoc => ({
  ...source,
  status: 'todo',
  statusHistory: withStatusChange([], 'todo', now, actor.via),
  nextOccurrenceId: null,
  version: 0,
  createdAt: now,
  updatedAt: now,
  completedAt: null,
  deletedAt: null,
  deletedWith: null,
  ...changes,
});

/**
 * Copies the live steps of a completed occurrence under the next one, each with an id derived from the step and the
 * new parent, so running this again (a retry, a concurrent completion) adds nothing twice.
 */
const ensureStepCopies = async (deps: TaskDeps, actor: Actor, done: TaskDoc, next: TaskDoc, now: Date) => {
  const steps = await deps.tasks.find(
    actor.userId,
    { ancestorIds: done._id, deletedAt: null },
    { sort: { position: 1 }, limit: 500 },
  );
  if (steps.length === 0) return;
  const idFor = new Map<string, string>([[done._id, next._id]]);
  for (const step of steps) idFor.set(step._id, derivedTaskId(step._id, `copy:${next._id}`));
  const shiftDays =
    done.dueAt && next.dueAt
      ? daysBetween(localDate(done.dueAt, done.timezone), localDate(next.dueAt, next.timezone))
      : 0;
  for (const step of [...steps].sort((a, b) => a.ancestorIds.length - b.ancestorIds.length)) {
    const ancestorIds = step.ancestorIds.map((id) => idFor.get(id));
    if (ancestorIds.some((id) => id === undefined)) continue; // under a deleted step
    const current = occurrenceOf(step);
    const day = current && (current.kind === 'date' ? current.date : localDate(current.at, step.timezone));
    const due = day ? dueFromOccurrence(moveToDay(step, addDays(day, shiftDays)), step.timezone) : {};
    await deps.tasks.insertIfAbsent(
      freshCopy(
        step,
        {
          _id: idFor.get(step._id)!,
          parentId: idFor.get(step.parentId!)!,
          ancestorIds: ancestorIds as string[],
          ...due,
        },
        now,
        actor,
      ),
    );
  }
};

/**
 * Makes sure the next occurrence of a completed recurring task exists, exactly once. Its id is derived from the
 * completed task's id and its date from the stored completion, so every caller — the completion that won, one that
 * lost a race, a retry after a crash — computes the same task, and the unique `_id` lets only one insert it.
 */
export const ensureNextOccurrence = async (
  deps: TaskDeps,
  actor: Actor,
  done: TaskDoc,
): Promise<TaskDoc | null> => {
  if (!done.recurrence || !done.nextOccurrenceId || done.status !== 'done') return null;
  const now = deps.clock.now();
  let next = await deps.tasks.get(actor.userId, done.nextOccurrenceId);
  if (!next) {
    const current = occurrenceOf(done);
    if (!current) return null;
    const upcoming = nextOccurrence({
      rule: done.recurrence,
      timezone: done.timezone,
      current,
      notBefore: done.completedAt ?? now,
      occurrenceNumber: done.occurrence ?? 1,
    });
    if (!upcoming) return null; // the series has ended (COUNT or UNTIL)
    const candidate = freshCopy(
      done,
      {
        _id: done.nextOccurrenceId,
        ...dueFromOccurrence(upcoming, done.timezone),
        seriesId: done.seriesId ?? done._id,
        occurrence: (done.occurrence ?? 1) + 1,
      },
      now,
      actor,
    );
    if (await deps.tasks.insertIfAbsent(candidate)) {
      next = candidate;
      await deps.audit.record(actor, 'task.recurred', 'task', candidate._id, {
        previousId: done._id,
        seriesId: candidate.seriesId,
      });
    } else {
      next = await deps.tasks.get(actor.userId, done.nextOccurrenceId);
    }
  }
  if (next && !next.deletedAt) await ensureStepCopies(deps, actor, done, next, now); // never under a deleted task
  return next;
};
