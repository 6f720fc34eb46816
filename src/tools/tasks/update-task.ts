import { z } from 'zod';
import { TaskIdSchema, updateTask, UpdateTaskSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskSummarySchema } from './task-views.js';

export const updateTaskTool = defineTool({
  name: 'update_task',
  title: 'Change a task',
  description:
    'Changes fields of one task: title, notes, status (todo, in_progress, archived), priority, due time or day ' +
    '(null clears it), time zone, estimate, energy, tags (replaces the list), recurrence (null stops repeating), ' +
    'reminders (replaces the list) or parentId (moves it under another task, or to the top with null). Put only ' +
    'what should change in `changes`. To finish a task use complete_task; to bring a finished one back, reopen_task.',
  inputSchema: z.strictObject({ taskId: TaskIdSchema, changes: UpdateTaskSchema }),
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId, changes }) => updateTask(ctx.domain, ctx.actor, taskId, changes),
});
