import { createTask, CreateTaskSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskSummarySchema } from './task-views.js';

export const createTaskTool = defineTool({
  name: 'create_task',
  title: 'Create a task or a step',
  description:
    'Adds a task for the person. Keep titles short and concrete ("Email Sam the draft", not "work stuff"). ' +
    'Give parentId to add a step (subtask) under an existing task, e.g. when breaking a big task into small ones. ' +
    'Optional: due time (dueAt, ISO 8601, wall-clock in the profile time zone unless it has an offset) or due day ' +
    '(dueDate, YYYY-MM-DD), priority, estimateMinutes, energy needed, tags, recurrence (an RRULE such as ' +
    'FREQ=WEEKLY;BYDAY=MO or plain words like "every weekday") and reminders (minutes before the due time, or ' +
    'phrases like "15m", "1h", "1d"). Returns the new task.',
  inputSchema: CreateTaskSchema,
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => createTask(ctx.domain, ctx.actor, input),
});
