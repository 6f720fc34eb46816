import { getTask, type Actor, type Domain, type Task } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';

/** Deleted tasks are gone as far as the assistant is concerned. */
export const ownTask = async (domain: Domain, actor: Actor, taskId: string): Promise<Task> => {
  const task = await getTask(domain, actor, taskId);
  if (task.deletedAt) throw new AppError('TASK_NOT_FOUND', "I couldn't find that task.");
  return task;
};

/** The task a chain is about: one of the person's own, or only a title (and notes) they typed. */
export const describeTask = async (
  domain: Domain,
  actor: Actor,
  input: { taskId?: string; title?: string; notes?: string },
) => {
  if (!input.taskId)
    return { id: null, title: input.title!, notes: input.notes ?? null, dueAt: null as string | null };
  const task = await ownTask(domain, actor, input.taskId);
  return { id: task.id, title: task.title, notes: input.notes ?? task.notes, dueAt: task.dueAt };
};
