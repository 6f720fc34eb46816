import { listTasks, ListTasksSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { presentPage, TaskPageSchema, toPage } from './task-views.js';

export const listTasksTool = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    "Lists the person's tasks, open ones by default, soonest due first; filter by status, priority, energy, tags, " +
    'words (q), due window (dueOn, dueFrom/dueTo), overdue, parentId or topLevel. One line per task plus the ' +
    'total; nextCursor gets more.',
  inputSchema: ListTasksSchema,
  outputSchema: TaskPageSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => toPage(await listTasks(ctx.domain, ctx.actor, input, { withTotal: true })),
  present: presentPage,
});
