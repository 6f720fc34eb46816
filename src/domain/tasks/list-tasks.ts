import { z } from 'zod';
import { escapeRegex } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { addDays, startOfDay } from './due.js';
import { invalid, OPEN_STATUSES, userTimezone, type TaskDepsWithUsers } from './task-access.js';
import { presentTasks } from './task-dto.js';
import type { TaskDoc, TaskQuery } from './task-repo.js';
import {
  ListTasksSchema,
  TaskSortSchema,
  type ListTasks,
  type TaskList,
  type TaskSort,
} from './task-schemas.js';

export type ListTasksDeps = TaskDepsWithUsers;

type SortKey = keyof TaskDoc &
  ('dueSortAt' | 'priorityRank' | 'createdAt' | 'updatedAt' | 'position' | '_id');

/** Each sort ends with `_id`, so every task has one place in it and a cursor can resume exactly after it. */
const sortKeys: Record<TaskSort, [SortKey, 1 | -1][]> = {
  due: [
    ['dueSortAt', 1],
    ['priorityRank', 1],
    ['_id', 1],
  ],
  priority: [
    ['priorityRank', 1],
    ['dueSortAt', 1],
    ['_id', 1],
  ],
  created: [
    ['createdAt', -1],
    ['_id', -1],
  ],
  updated: [
    ['updatedAt', -1],
    ['_id', -1],
  ],
  position: [
    ['position', 1],
    ['createdAt', 1],
    ['_id', 1],
  ],
};
const dateKeys = new Set<SortKey>(['dueSortAt', 'createdAt', 'updatedAt']);

type CursorValue = string | number | Date;

const CursorSchema = z.object({
  s: TaskSortSchema,
  v: z.array(z.union([z.string().max(64), z.number(), z.object({ d: z.iso.datetime() })])).max(3),
});

const encodeCursor = (sort: TaskSort, doc: TaskDoc): string => {
  const values = sortKeys[sort].map(([key]) => {
    const value = doc[key] as CursorValue;
    return value instanceof Date ? { d: value.toISOString() } : value;
  });
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');
};

const badCursor = () => invalid('cursor', 'this cursor does not fit this list; start again without it');

/** The cursor's values, checked against the sort's keys; never passed to the database as anything but plain values. */
const decodeCursor = (cursor: string, sort: TaskSort): CursorValue[] => {
  let parsed: z.infer<typeof CursorSchema>;
  try {
    parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badCursor();
  }
  const keys = sortKeys[sort];
  if (parsed.s !== sort || parsed.v.length !== keys.length) throw badCursor();
  return keys.map(([key], i) => {
    const value = parsed.v[i]!;
    if (dateKeys.has(key)) {
      if (typeof value !== 'object') throw badCursor();
      return new Date(value.d);
    }
    if (key === '_id' ? typeof value !== 'string' : typeof value !== 'number') throw badCursor();
    return value as string | number;
  });
};

/** Tasks after the cursor position: (k1 > v1) or (k1 = v1 and k2 > v2) or ... */
const afterCursor = (sort: TaskSort, values: CursorValue[]): TaskQuery => {
  const keys = sortKeys[sort];
  return {
    $or: keys.map(([key, direction], i) => {
      const clause: Record<string, unknown> = {};
      for (let j = 0; j < i; j++) clause[keys[j]![0]] = values[j];
      clause[key] = { [direction === 1 ? '$gt' : '$lt']: values[i] };
      return clause;
    }),
  } as TaskQuery;
};

/** The acting person's tasks, filtered and sorted, a page at a time; `total` (all matches) only when asked for. */
export const listTasks = async (
  deps: ListTasksDeps,
  actor: Actor,
  input: ListTasks = {},
  options: { withTotal?: boolean } = {},
): Promise<TaskList & { total?: number }> => {
  const data = ListTasksSchema.parse(input);
  if (data.parentId && data.topLevel) throw invalid('topLevel', 'use parentId or topLevel, not both');
  const now = deps.clock.now();
  const and: TaskQuery[] = [];
  const query: TaskQuery = { deletedAt: data.deleted ? { $ne: null } : null };

  const statuses = data.status ?? (data.deleted ? undefined : OPEN_STATUSES);
  if (statuses) query.status = { $in: statuses };
  if (data.priority) query.priority = { $in: data.priority };
  if (data.energy) query.energy = { $in: data.energy };
  if (data.tags && data.tags.length > 0) query.tags = { $all: data.tags };
  if (data.parentId) query.parentId = data.parentId;
  if (data.topLevel === true) query.parentId = null;
  if (data.topLevel === false) query.parentId = { $ne: null };
  if (data.hasDue !== undefined) query.dueAt = data.hasDue ? { $ne: null } : null;
  if (data.overdue === true) query.dueEndAt = { $lt: now };
  if (data.overdue === false) and.push({ $or: [{ dueEndAt: null }, { dueEndAt: { $gte: now } }] });

  // Keyword search: every word must appear in the title or the notes. FerretDB has no text index, so this is an
  // escaped, case-insensitive $regex; "a.b*" finds exactly "a.b*".
  if (data.q) {
    for (const word of data.q.split(/\s+/).slice(0, 8)) {
      const pattern = { $regex: escapeRegex(word), $options: 'i' };
      and.push({ $or: [{ title: pattern }, { notes: pattern }] });
    }
  }

  let from = data.dueFrom ? new Date(data.dueFrom) : undefined;
  let to = data.dueTo ? new Date(data.dueTo) : undefined;
  if (data.dueOn) {
    const timezone = await userTimezone(deps, actor.userId);
    from = startOfDay(data.dueOn, timezone);
    to = startOfDay(addDays(data.dueOn, 1), timezone);
  }
  if (from && to && from >= to) throw invalid('dueTo', 'must be after dueFrom');
  // A timed task matches when its instant is in [from, to); an all-day task when its day overlaps the window.
  if (to) and.push({ dueAt: { $lt: to } });
  if (from) and.push({ $or: [{ dueAt: { $gte: from } }, { dueEndAt: { $gt: from } }] });

  const sort = data.sort ?? (data.parentId ? 'position' : 'due');
  // Everything that matches, before the cursor narrows it to what comes after the previous page.
  const matching: TaskQuery = and.length > 0 ? { ...query, $and: [...and] } : { ...query };
  if (data.cursor) and.push(afterCursor(sort, decodeCursor(data.cursor, sort)));
  if (and.length > 0) query.$and = and;

  const docs = await deps.tasks.find(actor.userId, query, {
    sort: Object.fromEntries(sortKeys[sort]),
    limit: data.limit + 1,
  });
  const page = docs.slice(0, data.limit);
  const last = page.at(-1);
  const hasMore = docs.length > data.limit;
  // A first page that holds every match is its own total; otherwise the database counts (on the local FerretDB,
  // in PostgreSQL: decision 0015). The sorted page is limited there too, so neither reads all of a person's tasks.
  const [items, total] = await Promise.all([
    presentTasks(deps, actor.userId, page, now),
    !options.withTotal
      ? undefined
      : !hasMore && !data.cursor
        ? docs.length
        : deps.tasks.count(actor.userId, matching),
  ]);
  const list: TaskList & { total?: number } = {
    items,
    nextCursor: hasMore && last ? encodeCursor(sort, last) : null,
  };
  if (total !== undefined) list.total = total;
  return list;
};
