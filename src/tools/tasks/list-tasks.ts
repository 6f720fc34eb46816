import { listTasks, ListTasksSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { presentPage, TaskPageSchema, toPage } from './task-views.js';

export const listTasksTool = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    "Lists the person's tasks, open ones (todo and in_progress) by default, soonest due first. Filter by status, " +
    'priority, energy, tags, words in the title or notes (q), a due window (dueOn a day, or dueFrom/dueTo), overdue, ' +
    'parentId (the steps of one task) or topLevel. Returns a page (default 25, at most 100), one line per task, ' +
    'and the total; pass nextCursor back as cursor for the next page. Use get_task for full details.',
  inputSchema: ListTasksSchema,
  outputSchema: TaskPageSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => toPage(await listTasks(ctx.domain, ctx.actor, input, { withTotal: true })),
  present: presentPage,
});
