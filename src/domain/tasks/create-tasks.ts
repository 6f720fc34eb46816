import { z } from 'zod';
import { AppError, toAppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { insertPrepared, prepareTask, type CreateTaskDeps } from './create-task.js';
import type { TaskDoc } from './task-repo.js';
import { CreateTaskSchema, type Task } from './task-schemas.js';

export const MAX_TASKS_PER_BATCH = 50;

export const CreateTasksSchema = z.strictObject({
  tasks: z
    .array(CreateTaskSchema)
    .min(1)
    .max(MAX_TASKS_PER_BATCH)
    .describe(`1 to ${MAX_TASKS_PER_BATCH} tasks, each as for create_task`),
});
export type CreateTasks = z.input<typeof CreateTasksSchema>;

/**
 * A brain dump: many tasks at once, all or nothing. Every task is checked (parent, due, recurrence, reminders)
 * before the first is saved, so one bad item adds none and the error names it.
 */
export const createTasks = async (
  deps: CreateTaskDeps,
  actor: Actor,
  input: CreateTasks,
): Promise<Task[]> => {
  const { tasks } = CreateTasksSchema.parse(input);
  const now = deps.clock.now();
  const siblings = new Map<string | null, number>();
  const prepared: TaskDoc[] = [];
  for (const [index, item] of tasks.entries()) {
    const parentKey = item.parentId ?? null;
    const before = siblings.get(parentKey) ?? 0;
    try {
      prepared.push(await prepareTask(deps, actor, item, now, before));
    } catch (error) {
      const problem = toAppError(error);
      if (problem.status >= 500) throw error;
      throw new AppError(
        problem.code,
        `tasks[${index}] (“${item.title}”): ${problem.userMessage} Nothing was added; fix it and send them all again.`,
        { status: problem.status, details: { index, problem: problem.details ?? null } },
      );
    }
    siblings.set(parentKey, before + 1);
  }
  const created: Task[] = [];
  for (const doc of prepared) created.push(await insertPrepared(deps, actor, doc, now));
  return created;
};
