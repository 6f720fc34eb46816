import { deleteTask, getTask, TaskCascadeResultSchema } from '../../domain/index.js';
import { confirmFirst } from '../elicitation.js';
import { defineTool } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

export const TaskCascadeSummarySchema = TaskCascadeResultSchema.extend({ task: TaskSummarySchema });

export const deleteTaskTool = defineTool({
  name: 'delete_task',
  title: 'Delete a task',
  description:
    'Deletes a task with its steps. Confirm with the person first, naming the task. restore_task undoes it for a ' +
    'while; to set a task aside instead, update_task with status archived.',
  inputSchema: TaskRefSchema,
  outputSchema: TaskCascadeSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  elicit: confirmFirst(async (ctx, { taskId }: { taskId: string }) => {
    const task = await getTask(ctx.domain, ctx.actor, taskId);
    const steps = task.subtasks.total > 0 ? ` and its ${task.subtasks.total} step(s)` : '';
    return `Delete “${task.title}”${steps}? You can restore it for a while.`;
  }),
  run: (ctx, { taskId }) => deleteTask(ctx.domain, ctx.actor, taskId),
});
