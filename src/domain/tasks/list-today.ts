import type { Actor } from '../audit/audit-log.js';
import { addDays, startOfDay } from './due.js';
import { listTasks, type ListTasksDeps } from './list-tasks.js';
import { OPEN_STATUSES } from './task-access.js';
import { presentTasks } from './task-dto.js';
import type { TaskDoc } from './task-repo.js';
import type { Task } from './task-schemas.js';

/** One section of the day: its first tasks in due order, and whether more match. */
export type TodaySection = { items: Task[]; hasMore: boolean };
export type TodayTasks = { dueToday: TodaySection; overdue: TodaySection; inProgress: TodaySection };

const DUE_ORDER = { dueSortAt: 1, priorityRank: 1, _id: 1 } as const;

/**
 * The open tasks due on `date` (in `timezone`), the overdue ones and those in progress, up to `limit` of each in due
 * order; the same sections as three `listTasks` calls (dueOn / overdue / status in_progress). FerretDB reads and
 * decodes every open task of the person for each query whatever its filter, so one query fetches all three sections
 * and they are told apart here; only when more match than that query brings back do the three queries run.
 */
export const listTodayTasks = async (
  deps: ListTasksDeps,
  actor: Actor,
  input: { date: string; timezone: string; limit: number },
): Promise<TodayTasks> => {
  const now = deps.clock.now();
  const from = startOfDay(input.date, input.timezone);
  const to = startOfDay(addDays(input.date, 1), input.timezone);
  // Overdue tasks (due end before now) and today's (due before tomorrow) both have `dueAt < to`.
  const window = 3 * input.limit + 1;
  const docs = await deps.tasks.find(
    actor.userId,
    {
      deletedAt: null,
      status: { $in: OPEN_STATUSES },
      $or: [{ dueAt: { $lt: to } }, { status: 'in_progress' }],
    },
    { sort: DUE_ORDER, limit: window },
  );
  if (docs.length >= window) return listSeparately(deps, actor, input);

  const isDueToday = (t: TaskDoc) =>
    t.dueAt !== null && t.dueAt < to && (t.dueAt >= from || (t.dueEndAt !== null && t.dueEndAt > from));
  const sections = [
    docs.filter(isDueToday),
    docs.filter((t) => t.dueEndAt !== null && t.dueEndAt < now),
    docs.filter((t) => t.status === 'in_progress'),
  ];
  const shown = new Map(sections.flatMap((s) => s.slice(0, input.limit)).map((t) => [t._id, t]));
  const presented = new Map(
    (await presentTasks(deps, actor.userId, [...shown.values()], now)).map((t) => [t.id, t]),
  );
  const [dueToday, overdue, inProgress] = sections.map((section) => ({
    items: section.slice(0, input.limit).map((t) => presented.get(t._id)!),
    hasMore: section.length > input.limit,
  }));
  return { dueToday: dueToday!, overdue: overdue!, inProgress: inProgress! };
};

const listSeparately = async (
  deps: ListTasksDeps,
  actor: Actor,
  input: { date: string; limit: number },
): Promise<TodayTasks> => {
  const [due, overdue, started] = await Promise.all([
    listTasks(deps, actor, { dueOn: input.date, limit: input.limit }),
    listTasks(deps, actor, { overdue: true, limit: input.limit }),
    listTasks(deps, actor, { status: ['in_progress'], limit: input.limit }),
  ]);
  const section = (list: { items: Task[]; nextCursor: string | null }) => ({
    items: list.items,
    hasMore: list.nextCursor !== null,
  });
  return { dueToday: section(due), overdue: section(overdue), inProgress: section(started) };
};
