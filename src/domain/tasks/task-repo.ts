import type { Db, Filter, Sort, UpdateFilter } from 'mongodb';
import { countMatching, isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import type { Energy, Priority, TaskStatus } from './task-schemas.js';

export type StatusChange = { status: TaskStatus; at: Date; via: Actor['via'] };

/** A task as stored. Query helpers (`dueEndAt`, `dueSortAt`, `priorityRank`) are derived and kept in step. */
export type TaskDoc = {
  _id: string;
  userId: string;
  parentId: string | null;
  /**
   * `parentId !== null`, kept in step by the repo on every write: an equality FerretDB pushes down to its index, so
   * a page's step counts read only the person's steps (a null or `$ne` test would read all their tasks).
   */
  isStep: boolean;
  /** Root first; lets a deletion find all descendants in one query. */
  ancestorIds: string[];
  title: string;
  notes: string | null;
  status: TaskStatus;
  priority: Priority;
  priorityRank: number;
  timezone: string;
  /** Timed: the due instant. All-day: the start of `dueDate` in `timezone`. */
  dueAt: Date | null;
  /** All-day tasks only, YYYY-MM-DD. */
  dueDate: string | null;
  /** Timed: `dueAt`. All-day: the start of the next day. The task is overdue once this has passed. */
  dueEndAt: Date | null;
  /** `dueAt`, or far in the future when there is none, so undated tasks sort last. */
  dueSortAt: Date;
  estimateMinutes: number | null;
  energy: Energy | null;
  tags: string[];
  recurrence: string | null;
  seriesId: string | null;
  occurrence: number | null;
  /** Set when a recurring task is completed: the deterministic id of the one next occurrence. */
  nextOccurrenceId: string | null;
  /** Minutes before due. */
  reminders: number[];
  position: number;
  statusHistory: StatusChange[];
  /** Bumped by every write; guards read-modify-write updates so none is half-applied or lost. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  deletedAt: Date | null;
  /** The task whose deletion took this one along; restoring that task brings this one back. */
  deletedWith: string | null;
};

export const NO_DUE_SORT = new Date('9999-12-31T00:00:00.000Z');
export const MAX_STATUS_HISTORY = 50;

export type TaskQuery = Filter<TaskDoc>;
export type TaskUpdate = UpdateFilter<TaskDoc>;

/** Every method takes the acting user first and scopes the query to them; nothing reads across users. */
export type TaskRepo = {
  insert: (task: TaskDoc) => Promise<void>;
  /** Inserts unless a task with that id exists; false means it already did (idempotent creation). */
  insertIfAbsent: (task: TaskDoc) => Promise<boolean>;
  /** One task, deleted or not. */
  get: (userId: string, id: string) => Promise<TaskDoc | null>;
  find: (userId: string, query: TaskQuery, options: { sort: Sort; limit: number }) => Promise<TaskDoc[]>;
  /** How many of the person's tasks match. */
  count: (userId: string, query: TaskQuery) => Promise<number>;
  /** Applies `update` only if the task still matches `guard` (and bumps its version); null otherwise. */
  update: (userId: string, id: string, guard: TaskQuery, update: TaskUpdate) => Promise<TaskDoc | null>;
  updateMany: (userId: string, query: TaskQuery, update: TaskUpdate) => Promise<number>;
  /** Live step counts per parent: total and done. */
  countSubtasks: (
    userId: string,
    parentIds: string[],
  ) => Promise<Map<string, { total: number; done: number }>>;
  /** Highest position among the live tasks under `parentId` (null: top level). */
  lastPosition: (userId: string, parentId: string | null) => Promise<number | null>;
};

export const taskIndexes: CollectionIndexes = {
  collection: 'tasks',
  indexes: [
    { key: { userId: 1, deletedAt: 1, status: 1, dueSortAt: 1 }, name: 'user_live_status_due' },
    { key: { userId: 1, parentId: 1, position: 1 }, name: 'user_parent_position' },
    { key: { userId: 1, isStep: 1, parentId: 1 }, name: 'user_steps' },
    { key: { userId: 1, ancestorIds: 1 }, name: 'user_ancestors' },
    { key: { userId: 1, dueEndAt: 1 }, name: 'user_due_end' },
    { key: { userId: 1, tags: 1 }, name: 'user_tags' },
    { key: { userId: 1, updatedAt: -1 }, name: 'user_updated' },
    { key: { userId: 1, seriesId: 1 }, name: 'user_series' },
  ],
};

/** The live steps of some of the person's tasks. */
export const stepCountFilter = (userId: string, parentIds: string[]): TaskQuery => ({
  userId,
  isStep: true,
  parentId: { $in: parentIds },
  deletedAt: null,
});

/** Every update bumps the version; one that moves a task keeps `isStep` in step with its new `parentId`. */
const withVersionBump = (update: TaskUpdate): TaskUpdate => {
  const set = update.$set as Partial<TaskDoc> | undefined;
  return {
    ...update,
    ...(set && set.parentId !== undefined ? { $set: { ...set, isStep: set.parentId !== null } } : {}),
    $inc: { ...(update.$inc ?? {}), version: 1 },
  };
};

/** The stored form of a new task: derived fields computed here, whatever the caller set. */
const stored = (task: TaskDoc): TaskDoc => ({ ...task, isStep: task.parentId !== null });

const MIGRATIONS = 'migrations';
const STEP_MARKER = 'tasks.isStep';

/**
 * Marks the steps of tasks stored before `isStep` existed, once per database (a marker document remembers it; `force`
 * looks again, after copying old documents in); safe to run on every start and from several processes at once. On
 * FerretDB the first run reads every task once.
 */
export const markTaskSteps = async (db: Db, options: { force?: boolean } = {}): Promise<void> => {
  const done = db.collection<{ _id: string; at: Date }>(MIGRATIONS);
  if (!options.force && (await done.findOne({ _id: STEP_MARKER }))) return;
  const tasks = db.collection<TaskDoc>('tasks');
  await tasks.updateMany({ isStep: { $exists: false }, parentId: { $ne: null } }, { $set: { isStep: true } });
  await tasks.updateMany({ isStep: { $exists: false } }, { $set: { isStep: false } });
  await done.insertOne({ _id: STEP_MARKER, at: new Date() }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
};

export const createTaskRepo = (db: Db): TaskRepo => {
  const tasks = db.collection<TaskDoc>('tasks');
  return {
    insert: async (task) => {
      await tasks.insertOne(stored(task));
    },
    insertIfAbsent: async (task) => {
      try {
        await tasks.insertOne(stored(task));
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    // A lone `_id` filter is an index lookup on every server (FerretDB scans for anything more); ownership is then
    // checked here, so another person's id still reads as "not found".
    get: async (userId, id) => {
      const task = await tasks.findOne({ _id: id });
      return task?.userId === userId ? task : null;
    },
    find: (userId, query, { sort, limit }) =>
      tasks
        .find({ ...query, userId })
        .sort(sort)
        .limit(Math.min(Math.max(limit, 1), 1000))
        .toArray(),
    count: (userId, query) => countMatching(db, 'tasks', { ...query, userId }),
    update: (userId, id, guard, update) =>
      tasks.findOneAndUpdate({ ...guard, _id: id, userId }, withVersionBump(update), {
        returnDocument: 'after',
      }),
    updateMany: async (userId, query, update) =>
      (await tasks.updateMany({ ...query, userId }, withVersionBump(update))).modifiedCount,
    countSubtasks: async (userId, parentIds) => {
      const counts = new Map<string, { total: number; done: number }>();
      if (parentIds.length === 0) return counts;
      // A projected find rather than $group: FerretDB 1.x runs aggregations over the whole collection.
      const rows = tasks.find(stepCountFilter(userId, parentIds), {
        projection: { _id: 0, parentId: 1, status: 1 },
      });
      for await (const { parentId, status } of rows) {
        if (!parentId) continue;
        const entry = counts.get(parentId) ?? { total: 0, done: 0 };
        entry.total += 1;
        if (status === 'done') entry.done += 1;
        counts.set(parentId, entry);
      }
      return counts;
    },
    lastPosition: async (userId, parentId) => {
      const [last] = await tasks
        .find({ userId, parentId, deletedAt: null }, { projection: { position: 1 } })
        .sort({ position: -1 })
        .limit(1)
        .toArray();
      return last?.position ?? null;
    },
  };
};
