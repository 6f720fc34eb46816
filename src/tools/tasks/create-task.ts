import { createTask, CreateTaskSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { TaskSummarySchema } from './task-views.js';

export const createTaskTool = defineTool({
  name: 'create_task',
  title: 'Create a task or a step',
  description:
    // The first sentences are what a model sees when the planner compacts tool descriptions (200 characters).
    'Adds a task; one call per task a message names. For "remind me"/"ping me" set reminders [0] (at the due ' +
    'time) unless they say how long before. Short titles without scheduling words. ' +
    'E.g. "Take meds", not "Take meds every weekday at 8". No day or time for a reminder: ask when, do not guess. ' +
    'parentId adds a step under a task. dueAt (wall-clock in the profile time zone unless it has an offset) for a ' +
    'time, dueDate for a whole day ("by Friday"). Recurrence is an RRULE, at most daily ("every 2 hours" is ' +
    'FREQ=DAILY;BYHOUR=9,11,13,...), with dueAt at the first occurrence. Several tasks at once: create_tasks.',
  inputSchema: CreateTaskSchema,
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  run: (ctx, input) => createTask(ctx.domain, ctx.actor, input),
});
