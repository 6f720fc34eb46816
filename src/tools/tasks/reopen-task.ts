import { reopenTask } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

export const reopenTaskTool = defineTool({
  name: 'reopen_task',
  title: 'Reopen a finished task',
  description:
    'Undoes complete_task: a done (or archived) task goes back to todo, e.g. marked done by mistake. Points ' +
    'earned are kept. For a deleted task use restore_task.',
  inputSchema: TaskRefSchema,
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => reopenTask(ctx.domain, ctx.actor, taskId),
});
