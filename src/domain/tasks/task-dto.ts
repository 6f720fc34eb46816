import { DateTime } from 'luxon';
import type { TaskDoc, TaskRepo } from './task-repo.js';
import { pointsForCompletion } from './points.js';
import { describeRule } from './recurrence.js';
import type { Task } from './task-schemas.js';
import { localDate } from './due.js';

export const isOpenStatus = (status: TaskDoc['status']): boolean =>
  status === 'todo' || status === 'in_progress';

/** The outside view of a task: ISO strings, due time in the task's own zone, derived flags. */
export const toTask = (doc: TaskDoc, now: Date, subtasks = { total: 0, done: 0 }): Task => ({
  id: doc._id,
  parentId: doc.parentId,
  title: doc.title,
  notes: doc.notes,
  status: doc.status,
  priority: doc.priority,
  dueAt: doc.dueAt && !doc.dueDate ? DateTime.fromJSDate(doc.dueAt, { zone: doc.timezone }).toISO() : null,
  dueDate: doc.dueDate ?? (doc.dueAt ? localDate(doc.dueAt, doc.timezone) : null),
  allDay: doc.dueDate !== null,
  timezone: doc.timezone,
  isOverdue: isOpenStatus(doc.status) && !doc.deletedAt && doc.dueEndAt !== null && doc.dueEndAt < now,
  estimateMinutes: doc.estimateMinutes,
  energy: doc.energy,
  tags: doc.tags,
  recurrence: doc.recurrence,
  recurrenceText: doc.recurrence ? describeRule(doc.recurrence) : null,
  seriesId: doc.seriesId,
  occurrence: doc.occurrence,
  nextOccurrenceId: doc.nextOccurrenceId,
  reminders: doc.reminders,
  position: doc.position,
  depth: doc.ancestorIds.length,
  subtasks,
  points: pointsForCompletion({
    priority: doc.priority,
    estimateMinutes: doc.estimateMinutes,
    isSubtask: doc.parentId !== null,
  }),
  statusHistory: doc.statusHistory.map((h) => ({ status: h.status, at: h.at.toISOString(), via: h.via })),
  createdAt: doc.createdAt.toISOString(),
  updatedAt: doc.updatedAt.toISOString(),
  completedAt: doc.completedAt?.toISOString() ?? null,
  deletedAt: doc.deletedAt?.toISOString() ?? null,
});

/** DTOs for several tasks, with their live step counts. */
export const presentTasks = async (
  deps: { tasks: TaskRepo },
  userId: string,
  docs: TaskDoc[],
  now: Date,
): Promise<Task[]> => {
  const counts = await deps.tasks.countSubtasks(
    userId,
    docs.map((d) => d._id),
  );
  return docs.map((doc) => toTask(doc, now, counts.get(doc._id)));
};

export const presentTask = async (
  deps: { tasks: TaskRepo },
  userId: string,
  doc: TaskDoc,
  now: Date,
): Promise<Task> => (await presentTasks(deps, userId, [doc], now))[0]!;
