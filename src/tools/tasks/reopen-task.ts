import { reopenTask } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

export const reopenTaskTool = defineTool({
  name: 'reopen_task',
  title: 'Reopen a finished task',
  description:
    'Brings a done or archived task back to todo, e.g. when it was marked done by mistake or needs another go. ' +
    'Points already earned are kept. Returns the task.',
  inputSchema: TaskRefSchema,
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => reopenTask(ctx.domain, ctx.actor, taskId),
});
