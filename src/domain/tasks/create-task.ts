import { newId } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { dueFromInput, occurrenceOf } from './due.js';
import { ruleProblem } from './recurrence.js';
import {
  getOwnTask,
  invalid,
  priorityRank,
  userTimezone,
  withStatusChange,
  type TaskDepsWithUsers,
} from './task-access.js';
import { toTask } from './task-dto.js';
import type { TaskDoc } from './task-repo.js';
import { CreateTaskSchema, MAX_DEPTH, MAX_SUBTASKS, type CreateTask, type Task } from './task-schemas.js';

export type CreateTaskDeps = TaskDepsWithUsers;

/**
 * Checks a new task and builds its document without saving it; `siblingsBefore` counts steps of the same parent
 * prepared earlier in the same batch (they take the next positions and count towards the step limit).
 */
export const prepareTask = async (
  deps: CreateTaskDeps,
  actor: Actor,
  input: CreateTask,
  now: Date,
  siblingsBefore = 0,
): Promise<TaskDoc> => {
  const data = CreateTaskSchema.parse(input);

  let parent: TaskDoc | null = null;
  if (data.parentId) {
    parent = await getOwnTask(deps, actor.userId, data.parentId);
    if (parent.ancestorIds.length + 1 >= MAX_DEPTH) {
      throw invalid(
        'parentId',
        `steps can go at most ${MAX_DEPTH} levels deep; add this one to a task higher up`,
      );
    }
    const counts = await deps.tasks.countSubtasks(actor.userId, [parent._id]);
    if ((counts.get(parent._id)?.total ?? 0) + siblingsBefore >= MAX_SUBTASKS) {
      throw invalid('parentId', `a task can have at most ${MAX_SUBTASKS} steps`);
    }
    if (data.recurrence)
      throw invalid('recurrence', 'steps repeat along with their task; set the repeat rule on the main task');
  }

  const timezone = data.timezone ?? parent?.timezone ?? (await userTimezone(deps, actor.userId));
  const due = dueFromInput(data, timezone);
  const occurrence = occurrenceOf(due);
  const recurrence = data.recurrence ?? null;
  if (recurrence) {
    if (!occurrence)
      throw invalid(
        'recurrence',
        'a repeating task needs a due date or time (dueAt or dueDate) to start from',
      );
    const problem = ruleProblem(recurrence, timezone, occurrence);
    if (problem) throw invalid('recurrence', problem);
  }
  const reminders = data.reminders ?? [];
  if (reminders.length > 0 && !occurrence)
    throw invalid('reminders', 'reminders need a due date or time (dueAt or dueDate)');

  const parentId = parent?._id ?? null;
  // Steps are numbered 0, 1, 2... for reordering; top-level tasks keep creation order without a query.
  const last = parentId ? await deps.tasks.lastPosition(actor.userId, parentId) : now.getTime() - 1;
  const id = newId('task');
  const status = data.status ?? 'todo';
  const priority = data.priority ?? 'medium';
  const doc: TaskDoc = {
    _id: id,
    userId: actor.userId,
    parentId,
    isStep: parentId !== null,
    ancestorIds: parent ? [...parent.ancestorIds, parent._id] : [],
    title: data.title,
    notes: data.notes || null,
    status,
    priority,
    priorityRank: priorityRank[priority],
    timezone,
    ...due,
    estimateMinutes: data.estimateMinutes ?? null,
    energy: data.energy ?? null,
    tags: data.tags ?? [],
    recurrence,
    seriesId: recurrence ? id : null,
    occurrence: recurrence ? 1 : null,
    nextOccurrenceId: null,
    reminders,
    position: (last === null ? 0 : last + 1) + siblingsBefore,
    statusHistory: withStatusChange([], status, now, actor.via),
    version: 0,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    deletedAt: null,
    deletedWith: null,
  };
  return doc;
};

/**
 * Saves a prepared task and records it, both writes at once (one wait instead of two). The id is new, so the insert
 * fails only when the database does; the caller then hears the error, and the audit log may name an unsaved task.
 */
export const insertPrepared = async (deps: CreateTaskDeps, actor: Actor, doc: TaskDoc, now: Date) => {
  await Promise.all([
    deps.tasks.insert(doc),
    deps.audit.record(actor, 'task.created', 'task', doc._id, {
      parentId: doc.parentId,
      recurring: doc.recurrence !== null,
    }),
  ]);
  return toTask(doc, now, undefined); // brand new: no steps to count yet
};

/** Adds a task (or a step of one) for the acting person. */
export const createTask = async (deps: CreateTaskDeps, actor: Actor, input: CreateTask): Promise<Task> => {
  const now = deps.clock.now();
  return insertPrepared(deps, actor, await prepareTask(deps, actor, input, now), now);
};
