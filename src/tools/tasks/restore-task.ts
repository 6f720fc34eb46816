import { restoreTask } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskCascadeSummarySchema } from './delete-task.js';
import { TaskRefSchema } from './task-views.js';

export const restoreTaskTool = defineTool({
  name: 'restore_task',
  title: 'Restore a deleted task',
  description:
    'Brings back a recently deleted task and the steps deleted with it. Find deleted tasks with list_tasks and ' +
    'deleted: true.',
  inputSchema: TaskRefSchema,
  outputSchema: TaskCascadeSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => restoreTask(ctx.domain, ctx.actor, taskId),
});
