import { completeTask, CompleteTaskResultSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

export const completeTaskTool = defineTool({
  name: 'complete_task',
  title: 'Complete a task',
  description:
    'Marks a task done and celebrates it: points (given once per task, so repeating is harmless), streak progress ' +
    'and a short kind message to pass on. For a repeating task the next occurrence is created and returned. ' +
    'Use it as soon as the person says they finished something, even a small step.',
  inputSchema: TaskRefSchema,
  outputSchema: CompleteTaskResultSchema.extend({
    task: TaskSummarySchema,
    nextOccurrence: TaskSummarySchema.nullable(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => completeTask(ctx.domain, ctx.actor, taskId),
});
