import type { Actor } from '../audit/audit-log.js';
import { addDays, dueFromOccurrence, localDate, moveToDay, startOfDay } from './due.js';
import {
  invalid,
  OPEN_STATUSES,
  userTimezone,
  withStatusChange,
  type TaskDepsWithUsers,
} from './task-access.js';
import type { TaskDoc, TaskQuery } from './task-repo.js';
import { FreshStartSchema, type FreshStart, type FreshStartResult } from './task-schemas.js';

export type FreshStartDeps = TaskDepsWithUsers;

const MAX_TASKS = 200;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Days from `start` with room left, given how many open tasks each day already holds. */
const planDays = async (
  deps: FreshStartDeps,
  actor: Actor,
  moving: TaskDoc[],
  perDay: number,
  start: string,
  timezone: string,
) => {
  const count = moving.length;
  const horizon = Math.min(400, Math.ceil(count / perDay) * 2 + 14);
  const existing = await deps.tasks.find(
    actor.userId,
    {
      _id: { $nin: moving.map((t) => t._id) },
      deletedAt: null,
      status: { $in: OPEN_STATUSES },
      dueAt: { $gte: startOfDay(start, timezone), $lt: startOfDay(addDays(start, horizon), timezone) },
    },
    { sort: { dueSortAt: 1 }, limit: 1000 },
  );
  const load = new Map<string, number>();
  for (const task of existing) {
    const day = task.dueDate ?? localDate(task.dueAt!, timezone);
    load.set(day, (load.get(day) ?? 0) + 1);
  }
  const slots: string[] = [];
  for (let offset = 0; slots.length < count; offset++) {
    const day = addDays(start, offset);
    // Beyond the horizon we stop counting what is already there; a long list still gets spread out.
    const room = offset < horizon ? perDay - (load.get(day) ?? 0) : perDay;
    for (let i = 0; i < room && slots.length < count; i++) slots.push(day);
  }
  return slots;
};

/**
 * A fresh start for a pile of tasks whose dates have passed: spreads them over the coming days (a few per day, most
 * important first, in the person's time zone) or sets them aside in the archive. Only tasks still past due and open
 * are touched, so running it twice changes nothing the second time.
 */
export const freshStart = async (
  deps: FreshStartDeps,
  actor: Actor,
  input: FreshStart = {},
): Promise<FreshStartResult> => {
  const data = FreshStartSchema.parse(input);
  const now = deps.clock.now();
  const timezone = await userTimezone(deps, actor.userId);
  const today = localDate(now, timezone);
  const start = data.startDate ?? addDays(today, 1);
  if (start < today) throw invalid('startDate', 'must be today or later');

  const requested = data.ids ? [...new Set(data.ids)] : null;
  const scope: TaskQuery = requested
    ? { _id: { $in: requested }, deletedAt: null, status: { $in: OPEN_STATUSES } }
    : { deletedAt: null, status: { $in: OPEN_STATUSES }, dueEndAt: { $lt: now } };
  const candidates = await deps.tasks.find(actor.userId, scope, {
    sort: { priorityRank: 1, dueSortAt: 1, _id: 1 },
    limit: MAX_TASKS,
  });

  const slots =
    data.action === 'reschedule' ? await planDays(deps, actor, candidates, data.perDay, start, timezone) : [];
  const moved: TaskDoc[] = [];
  const perDay = new Map<string, number>();
  for (const [i, task] of candidates.entries()) {
    const guard: TaskQuery = { version: task.version, deletedAt: null, status: { $in: OPEN_STATUSES } };
    let updated: TaskDoc | null;
    if (data.action === 'archive') {
      updated = await deps.tasks.update(actor.userId, task._id, guard, {
        $set: {
          status: 'archived',
          updatedAt: now,
          statusHistory: withStatusChange(task.statusHistory, 'archived', now, actor.via),
        },
      });
    } else {
      const day = slots[i]!;
      const due = dueFromOccurrence(moveToDay(task, day), task.timezone);
      updated = await deps.tasks.update(actor.userId, task._id, guard, { $set: { ...due, updatedAt: now } });
      if (updated) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    if (updated) moved.push(updated);
  }

  const count = moved.length;
  const days = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, n]) => ({ date, count: n }));
  const taskIds = moved.map((t) => t._id);
  if (count > 0)
    await deps.audit.record(actor, 'tasks.fresh_start', 'task', null, {
      action: data.action,
      count,
      taskIds,
    });

  let message: string;
  if (count === 0) message = 'Nothing needed moving — your list is already clear. Enjoy that.';
  else if (data.action === 'archive') {
    message = `Fresh start! I set ${plural(count, 'task')} aside in your archive. They're safe there; bring any back whenever you like.`;
  } else {
    message = `Fresh start! I spread ${plural(count, 'task')} over ${plural(days.length, 'day')}, at most ${data.perDay} a day. Pick one small thing whenever you're ready.`;
  }
  return {
    action: data.action,
    count,
    skipped: (requested?.length ?? candidates.length) - count,
    days,
    taskIds,
    message,
  };
};
