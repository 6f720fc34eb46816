import { completeTask, CompleteTaskResultSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

export const completeTaskTool = defineTool({
  name: 'complete_task',
  title: 'Complete a task',
  description:
    'Marks a task done as soon as the person says they finished it, even a small step: points (once per task, so ' +
    'repeating is harmless), streak progress and a kind message to pass on. A repeating task returns its next occurrence.',
  inputSchema: TaskRefSchema,
  outputSchema: CompleteTaskResultSchema.extend({
    task: TaskSummarySchema,
    nextOccurrence: TaskSummarySchema.nullable(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => completeTask(ctx.domain, ctx.actor, taskId),
});
