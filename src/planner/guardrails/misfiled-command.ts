// A small model sometimes files a request to delete as a new task: the 1.5B local model answered "delete task
// <id>" by adding a task called "Delete this task", completing it for points, and only then asking to delete. When
// the person's message reads as a delete and a new task's title is a delete of a task ("Delete this task", "remove
// task task_…"), the title is the request, not a task, and it is not added. "Delete my laundry task and add fold
// clothes" still adds "Fold clothes"; "add delete old photos" (a create) and "remove the stain from the couch" (no
// task named) still add theirs.
import { understand, type Understanding } from '../../agents/index.js';
import { titlesOf } from './grounded-title.js';

/** The result the model reads instead: what to do. */
export const MISFILED_DELETE_NOTE =
  'Not added: the person asked to delete a task, and this title is that request, not a task. Find the task with ' +
  'list_tasks and call delete_task, or ask which task they mean.';

/** A title about a task as such: the word task, or an id. */
const NAMES_A_TASK = /\btasks?\b|\btask_[0-9a-z]+/i;

/** True when every title of a create call restates the person's delete request. */
export const isMisfiledDelete = (
  name: string,
  args: Record<string, unknown>,
  message: Pick<Understanding, 'intent'>,
  clock: { now: Date; timezone: string },
): boolean => {
  if (message.intent !== 'delete_task') return false;
  const titles = titlesOf(name, args);
  return (
    titles.length > 0 &&
    titles.every((title) => NAMES_A_TASK.test(title) && understand(title, clock).intent === 'delete_task')
  );
};
