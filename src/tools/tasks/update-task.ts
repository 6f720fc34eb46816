import { z } from 'zod';
import { TaskIdSchema, updateTask, UpdateTaskSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { TaskSummarySchema } from './task-views.js';

export const updateTaskTool = defineTool({
  name: 'update_task',
  title: 'Change a task',
  description:
    'Changes fields of one task; put only what changes in `changes`. null clears a due time or day, or stops a ' +
    'recurrence; tags and reminders replace the list; parentId moves it (null: to the top). To finish a task use ' +
    'complete_task; to bring a finished one back, reopen_task.',
  inputSchema: z.strictObject({ taskId: TaskIdSchema, changes: UpdateTaskSchema }),
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  run: (ctx, { taskId, changes }) => updateTask(ctx.domain, ctx.actor, taskId, changes),
});
