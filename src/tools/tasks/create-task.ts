import { createTask, CreateTaskSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { TaskSummarySchema } from './task-views.js';

export const createTaskTool = defineTool({
  name: 'create_task',
  title: 'Create a task or a step',
  description:
    // The first sentences are what a model sees when the planner compacts tool descriptions (200 characters).
    'Adds a task; one call per task a message names. For "remind me"/"ping me" set reminders [0] (at the due ' +
    'time) unless they say how long before. Short titles without scheduling words. ' +
    'E.g. "Email Sam the draft", not "work stuff"; "Take meds", not "Take meds every weekday at 8". If they ask ' +
    'for a reminder without any day or time, ask when instead of guessing. Give parentId to add a step (subtask) ' +
    'under an existing task, e.g. when breaking a big task into small ones. Optional: due time (dueAt, ISO 8601, ' +
    'wall-clock in the profile time zone unless it has an offset), or for a whole day ("by Friday", "in 3 weeks") ' +
    'dueDate (YYYY-MM-DD) instead; priority, estimateMinutes, energy, tags; recurrence as an RRULE ' +
    '(FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR for "every weekday", FREQ=MONTHLY;BYMONTHDAY=1 for "the 1st of every ' +
    'month"; at most daily, so "every 2 hours" is FREQ=DAILY;BYHOUR=9,11,13,...) with dueAt at the first ' +
    'occurrence and its time; reminders (minutes before the due time, or "15m", "1h", "1d"). Returns the new task.',
  inputSchema: CreateTaskSchema,
  outputSchema: TaskSummarySchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => createTask(ctx.domain, ctx.actor, input),
});
