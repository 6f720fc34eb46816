import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  ActiveFocusSessionSchema,
  getActiveFocusSession,
  getProfile,
  listTasks,
  listTodayTasks,
} from '../../domain/index.js';
import type { ResourceDefinition } from '../resource-prompt-definitions.js';
import { TaskSummarySchema } from '../tasks/task-views.js';
import type { ToolContext } from '../tool.js';

const SHOWN = 10;
const SCANNED = 50;
const PLAN_SIZE = 3;

type TaskSummary = z.infer<typeof TaskSummarySchema>;

const SectionSchema = z.object({
  items: z.array(TaskSummarySchema).describe(`The first ${SHOWN}`),
  count: z.number().int(),
  hasMore: z.boolean().describe(`More than ${SCANNED} match; list_tasks pages through them`),
});

export const TodaySchema = z.object({
  date: z.iso.date().describe("Today in the person's time zone"),
  timezone: z.string(),
  dueToday: SectionSchema,
  overdue: SectionSchema.describe('Open tasks whose due date passed before today'),
  inProgress: SectionSchema.describe('Started tasks not due today'),
  focus: ActiveFocusSessionSchema.shape.session,
  plan: z.object({
    top: z
      .array(TaskSummarySchema)
      .describe(`At most ${PLAN_SIZE}: in progress first, then by priority and due time`),
    estimatedMinutes: z.number().int().describe('Sum of the estimates of the top tasks that have one'),
    firstStep: TaskSummarySchema.nullable().describe(
      'The first open step of the first top task, if it has steps',
    ),
  }),
});
export type Today = z.infer<typeof TodaySchema>;

const priorityOrder = { urgent: 0, high: 1, medium: 2, low: 3 } as const;
const dueKey = (t: TaskSummary) => t.dueAt ?? (t.dueDate ? `${t.dueDate}T23:59` : '9999');

const section = (items: TaskSummary[], hasMore: boolean) => ({
  items: items.slice(0, SHOWN),
  count: items.length,
  hasMore,
});

/** Today's tasks in the person's time zone and a small, doable plan; shared by the resource and the prompts. */
export const readToday = async (ctx: ToolContext): Promise<Today> => {
  const { timezone } = await getProfile(ctx.domain, ctx.actor.userId);
  const date = DateTime.fromJSDate(ctx.domain.clock.now(), { zone: timezone }).toISODate() ?? '';
  const [{ dueToday: due, overdue, inProgress: started }, focus] = await Promise.all([
    listTodayTasks(ctx.domain, ctx.actor, { date, timezone, limit: SCANNED }),
    getActiveFocusSession(ctx.domain, ctx.actor),
  ]);
  const dueIds = new Set(due.items.map((t) => t.id));
  const overdueOnly = overdue.items.filter((t) => !dueIds.has(t.id));
  const overdueIds = new Set(overdueOnly.map((t) => t.id));
  const startedOnly = started.items.filter((t) => !dueIds.has(t.id) && !overdueIds.has(t.id));

  const candidates = [...startedOnly, ...due.items, ...overdueOnly];
  const top = [...candidates]
    .sort(
      (a, b) =>
        Number(b.status === 'in_progress') - Number(a.status === 'in_progress') ||
        priorityOrder[a.priority] - priorityOrder[b.priority] ||
        dueKey(a).localeCompare(dueKey(b)),
    )
    .slice(0, PLAN_SIZE);
  const first = top[0];
  const firstStep =
    first && first.subtasks.done < first.subtasks.total
      ? ((await listTasks(ctx.domain, ctx.actor, { parentId: first.id, limit: 1 })).items[0] ?? null)
      : null;

  return {
    date,
    timezone,
    dueToday: section(due.items, due.hasMore),
    overdue: section(overdueOnly, overdue.hasMore),
    inProgress: section(startedOnly, started.hasMore),
    focus: focus.session,
    plan: { top, estimatedMinutes: top.reduce((sum, t) => sum + (t.estimateMinutes ?? 0), 0), firstStep },
  };
};

export const todayResource: ResourceDefinition = {
  name: 'today',
  uri: 'focusforge://today',
  title: "Today's tasks and plan",
  description:
    'Tasks due today, overdue ones and those in progress (the first 10 of each, with counts), the running focus block and a plan of at most three tasks with the first step to take.',
  read: async (ctx) => TodaySchema.parse(await readToday(ctx)),
};
