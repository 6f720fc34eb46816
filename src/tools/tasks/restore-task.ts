import { restoreTask } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { TaskCascadeSummarySchema } from './delete-task.js';
import { TaskRefSchema } from './task-views.js';

export const restoreTaskTool = defineTool({
  name: 'restore_task',
  title: 'Restore a deleted task',
  description:
    'Undoes delete_task: brings back a recently deleted task and its steps (list_tasks with deleted: true finds ' +
    'them). For a done task use reopen_task.',
  inputSchema: TaskRefSchema,
  outputSchema: TaskCascadeSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => restoreTask(ctx.domain, ctx.actor, taskId),
});
