// A small model names tasks by their titles where a tool wants an id: the 1.5B local model sent start_task, complete_task
// and update_task on "Reply to Jordan's email", and the person read "That didn't work: Input validation error: ...
// taskId: must be a task id". Such a call is never made: the model is told to look the task up first.
import { TaskIdSchema } from '../../domain/index.js';

/** True when the call's `taskId` is there but is no task id at all (a title, a number, a made-up shape). */
export const notATaskId = (args: Record<string, unknown>): boolean =>
  'taskId' in args && !TaskIdSchema.safeParse(args.taskId).success;

/** The result the model reads instead: what to do. */
export const NOT_A_TASK_ID_NOTE =
  'Not run: taskId must be an id from a tool result (task_...), not a title. Find the task with list_tasks first.';
