import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { dueFromInput, dueFromOccurrence, occurrenceOf, type DueFields } from './due.js';
import { ruleProblem } from './recurrence.js';
import {
  busy,
  getOwnTask,
  invalid,
  priorityRank,
  WRITE_ATTEMPTS,
  withStatusChange,
  type TaskDeps,
} from './task-access.js';
import { presentTask } from './task-dto.js';
import type { TaskDoc } from './task-repo.js';
import { MAX_DEPTH, MAX_SUBTASKS, UpdateTaskSchema, type Task, type UpdateTask } from './task-schemas.js';

export type UpdateTaskDeps = TaskDeps;

type Patch = ReturnType<typeof UpdateTaskSchema.parse>;

const nextDue = (doc: TaskDoc, patch: Patch, timezone: string): DueFields => {
  if (patch.dueAt || patch.dueDate) return dueFromInput(patch, timezone);
  if (patch.dueAt === null || patch.dueDate === null) return dueFromInput({}, timezone);
  const current = occurrenceOf(doc);
  // An all-day task stays on its day in the new zone; a timed task keeps its instant.
  if (current && timezone !== doc.timezone) return dueFromOccurrence(current, timezone);
  return { dueAt: doc.dueAt, dueDate: doc.dueDate, dueEndAt: doc.dueEndAt, dueSortAt: doc.dueSortAt };
};

/** Where the task goes when `parentId` changes; only a task without steps of its own can move. */
const newPlace = async (deps: UpdateTaskDeps, actor: Actor, doc: TaskDoc, parentId: string | null) => {
  const [child] = await deps.tasks.find(
    actor.userId,
    { ancestorIds: doc._id },
    { sort: { _id: 1 }, limit: 1 },
  );
  if (child)
    throw new AppError(
      'CONFLICT',
      'This task has steps of its own, so it stays where it is. Move its steps first.',
    );
  let ancestorIds: string[] = [];
  if (parentId) {
    if (parentId === doc._id) throw invalid('parentId', 'a task cannot be its own step');
    const parent = await getOwnTask(deps, actor.userId, parentId);
    if (parent.ancestorIds.length + 1 >= MAX_DEPTH)
      throw invalid('parentId', `steps can go at most ${MAX_DEPTH} levels deep`);
    const counts = await deps.tasks.countSubtasks(actor.userId, [parent._id]);
    if ((counts.get(parent._id)?.total ?? 0) >= MAX_SUBTASKS)
      throw invalid('parentId', `a task can have at most ${MAX_SUBTASKS} steps`);
    ancestorIds = [...parent.ancestorIds, parent._id];
  }
  const last = await deps.tasks.lastPosition(actor.userId, parentId);
  return { parentId, ancestorIds, position: last === null ? 0 : last + 1 };
};

/** Changes only the given fields; all of them are checked first and written in one atomic update. */
export const updateTask = async (
  deps: UpdateTaskDeps,
  actor: Actor,
  taskId: string,
  input: UpdateTask,
): Promise<Task> => {
  const patch = UpdateTaskSchema.parse(input);
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const doc = await getOwnTask(deps, actor.userId, taskId);
    const now = deps.clock.now();
    if (patch.status && doc.status === 'done') {
      throw new AppError('CONFLICT', 'That task is finished. Reopen it first to change its status.');
    }
    const timezone = patch.timezone ?? doc.timezone;
    const due = nextDue(doc, patch, timezone);
    const occurrence = occurrenceOf(due);
    const place =
      patch.parentId !== undefined && patch.parentId !== doc.parentId
        ? await newPlace(deps, actor, doc, patch.parentId)
        : null;
    const parentId = place ? place.parentId : doc.parentId;

    const recurrence = patch.recurrence !== undefined ? patch.recurrence : doc.recurrence;
    if (recurrence) {
      if (parentId)
        throw invalid(
          'recurrence',
          'steps repeat along with their task; set the repeat rule on the main task',
        );
      if (!occurrence)
        throw invalid('recurrence', 'a repeating task needs a due date or time (dueAt or dueDate)');
      const problem = ruleProblem(recurrence, timezone, occurrence);
      if (problem) throw invalid('recurrence', problem);
    }
    let reminders = patch.reminders ?? doc.reminders;
    if (!occurrence) {
      if (patch.reminders && patch.reminders.length > 0)
        throw invalid('reminders', 'reminders need a due date or time (dueAt or dueDate)');
      reminders = []; // clearing the due date clears its reminders
    }

    const set: Partial<TaskDoc> = { ...due, timezone, reminders, recurrence, updatedAt: now };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.notes !== undefined) set.notes = patch.notes || null;
    if (patch.priority !== undefined) {
      set.priority = patch.priority;
      set.priorityRank = priorityRank[patch.priority];
    }
    if (patch.estimateMinutes !== undefined) set.estimateMinutes = patch.estimateMinutes;
    if (patch.energy !== undefined) set.energy = patch.energy;
    if (patch.tags !== undefined) set.tags = patch.tags;
    if (recurrence && !doc.seriesId) {
      set.seriesId = doc._id;
      set.occurrence = 1;
    }
    if (patch.status !== undefined && patch.status !== doc.status) {
      set.status = patch.status;
      set.statusHistory = withStatusChange(doc.statusHistory, patch.status, now, actor.via);
    }
    if (place) Object.assign(set, place);

    const updated = await deps.tasks.update(
      actor.userId,
      taskId,
      { version: doc.version, deletedAt: null },
      { $set: set },
    );
    if (updated) {
      await deps.audit.record(actor, 'task.updated', 'task', taskId, { fields: Object.keys(patch) });
      return presentTask(deps, actor.userId, updated, now);
    }
  }
  throw busy();
};
