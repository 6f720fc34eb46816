import type { Priority } from './task-schemas.js';

const priorityBonus: Record<Priority, number> = { low: 0, medium: 2, high: 5, urgent: 8 };

/** Points for finishing a task: base + priority + a bonus for bigger estimates; steps earn a third. Never below 1. */
export const pointsForCompletion = (task: {
  priority: Priority;
  estimateMinutes: number | null;
  isSubtask: boolean;
}): number => {
  const estimate = task.estimateMinutes && task.estimateMinutes > 0 ? Math.min(task.estimateMinutes, 240) : 0;
  const full = 10 + priorityBonus[task.priority] + Math.floor(estimate / 15);
  return task.isSubtask ? Math.max(1, Math.round(full / 3)) : full;
};
