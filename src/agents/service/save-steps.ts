import { createTask, getTask, listTasks, type Actor, type Domain, type Task } from '../../domain/index.js';

export type StepToSave = { title: string; minutes: number };

const sameTitle = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Saves accepted steps as subtasks of the task, in order, with their estimates. Steps already there (same title)
 * are skipped, so accepting the same breakdown twice does not duplicate anything.
 */
export const saveStepsAsSubtasks = async (
  domain: Domain,
  actor: Actor,
  taskId: string,
  steps: StepToSave[],
): Promise<{ parent: Task; created: Task[]; skipped: number }> => {
  const parent = await getTask(domain, actor, taskId);
  const existing = await listTasks(domain, actor, {
    parentId: taskId,
    status: ['todo', 'in_progress', 'done'],
    limit: 100,
  });
  const created: Task[] = [];
  let skipped = 0;
  for (const step of steps) {
    if (
      existing.items.some((t) => sameTitle(t.title, step.title)) ||
      created.some((t) => sameTitle(t.title, step.title))
    ) {
      skipped += 1;
      continue;
    }
    created.push(
      await createTask(domain, actor, {
        title: step.title,
        parentId: taskId,
        estimateMinutes: Math.max(1, Math.min(1440, Math.round(step.minutes))),
      }),
    );
  }
  return { parent: await getTask(domain, actor, parent.id), created, skipped };
};
