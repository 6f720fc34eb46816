import { DateTime } from 'luxon';
import { MAX_PICKS, type PlanDraft, type PlanTask } from './schema.js';

const priorityScore: Record<PlanTask['priority'], number> = { urgent: 4, high: 2, medium: 1, low: 0 };

const isDueBy = (task: PlanTask, date: string, timezone: string): boolean => {
  if (task.dueDate) return task.dueDate <= date;
  if (task.dueAt) return (DateTime.fromISO(task.dueAt).setZone(timezone).toISODate() ?? '') <= date;
  return false;
};

const energyFits = (task: PlanTask, energy: number | null): number => {
  if (energy === null || task.energy === null) return 0;
  if (energy <= 2) return task.energy === 'low' ? 2 : task.energy === 'high' ? -2 : 0;
  if (energy >= 4) return task.energy === 'high' ? 1 : 0;
  return 0;
};

const reasonFor = (task: PlanTask, date: string, timezone: string, isQuickWin: boolean): string => {
  if (isQuickWin) return 'A quick win to get going.';
  if (task.isOverdue) return 'It has been waiting a while; a small start clears your head.';
  if (isDueBy(task, date, timezone)) return 'It is due today.';
  if (task.priority === 'urgent' || task.priority === 'high') return 'You marked it as important.';
  if (task.energy === 'low') return 'Light enough for today.';
  return 'A good fit for the time left.';
};

/**
 * Basic mode's pick for the day: what is due or important first, matched to today's energy, opened by one quick
 * win, and no more than a day can hold. Everything else is "later", never "failed".
 */
export const offlinePlan = (
  tasks: PlanTask[],
  date: string,
  timezone: string,
  energy: number | null,
): PlanDraft => {
  const scored = tasks
    .map((task) => {
      let score = priorityScore[task.priority] + energyFits(task, energy);
      if (task.isOverdue) score += 3;
      else if (isDueBy(task, date, timezone)) score += 4;
      return { task, score };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.task.dueAt ?? a.task.dueDate ?? '~').localeCompare(b.task.dueAt ?? b.task.dueDate ?? '~'),
    );
  const quick = scored.find((s) => (s.task.estimateMinutes ?? 30) <= 15);
  const ordered = quick ? [quick, ...scored.filter((s) => s !== quick)] : scored;
  const picks = ordered
    .slice(0, MAX_PICKS)
    .map((s) => ({ taskId: s.task.id, reason: reasonFor(s.task, date, timezone, s === quick) }));
  const lowEnergy = energy !== null && energy <= 2;
  return {
    picks,
    summary: lowEnergy
      ? 'A lighter plan for a low-energy day: start with the quick one and stop whenever you need to.'
      : 'Start with the quick win, then take the rest one block at a time. Breaks are part of the plan.',
  };
};
