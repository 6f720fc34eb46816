import { z } from 'zod';
import { AppError, type Clock, type Logger } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { NotificationScheduler } from '../notifications/notification-scheduler.js';
import { firstOpenSubtask, starterStep, STARTER_MINUTES, type FirstStep } from './first-step.js';
import { FirstStepSchema } from './suggest-next-task.js';
import { getOwnTask } from './task-access.js';
import type { TaskRepo } from './task-repo.js';

export const StartTaskSchema = z.strictObject({
  checkbackMinutes: z
    .number()
    .int()
    .min(1)
    .max(60)
    .default(5)
    .describe('Check back on the first step after this many minutes, 1 to 60 (default 5)'),
});
export type StartTask = z.input<typeof StartTaskSchema>;

export const StartTaskResultSchema = z.object({
  taskId: z.string(),
  firstStep: FirstStepSchema.extend({ source: z.enum(['subtask', 'assistant', 'starter']) }),
  checkbackAt: z.iso.datetime(),
  message: z.string().describe('A short, kind line to show the person'),
});
export type StartTaskResult = z.infer<typeof StartTaskResultSchema>;

/** Asks the breakdown chain for a task's first step; absent when no assistant is wired. */
export type FirstStepSource = (actor: Actor, task: { id: string; title: string }) => Promise<FirstStep>;

export type StartTaskDeps = {
  tasks: TaskRepo;
  scheduler: NotificationScheduler;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  breakDown?: FirstStepSource;
};

/** The first step from the assistant when there is one, else a heuristic starter: a failing helper never blocks a start. */
const firstStepFor = async (deps: StartTaskDeps, actor: Actor, task: { id: string; title: string }) => {
  if (deps.breakDown) {
    try {
      const step = await deps.breakDown(actor, task);
      if (step.minutes !== null && step.minutes <= STARTER_MINUTES)
        return { ...step, source: 'assistant' as const };
    } catch (error) {
      deps.logger.warn(
        { err: error, taskId: task.id },
        'first step from the assistant failed; using a starter',
      );
    }
  }
  return { ...starterStep(task.title), source: 'starter' as const };
};

/**
 * Start mode: only the first step of one of the person's open tasks (its first open subtask, or a two-minute
 * starter), and a check-back a few minutes later.
 */
export const startTask = async (
  deps: StartTaskDeps,
  actor: Actor,
  taskId: string,
  input: StartTask = {},
): Promise<StartTaskResult> => {
  const { checkbackMinutes } = StartTaskSchema.parse(input);
  const task = await getOwnTask(deps, actor.userId, taskId);
  if (task.status === 'done' || task.status === 'archived') {
    throw new AppError('CONFLICT', 'That task is already finished, so there is nothing to start.');
  }
  const subtask = await firstOpenSubtask(deps, actor.userId, task._id);
  const firstStep = subtask
    ? { ...subtask, source: 'subtask' as const }
    : { ...(await firstStepFor(deps, actor, { id: task._id, title: task.title })), stepId: null };
  const checkbackAt = new Date(deps.clock.now().getTime() + checkbackMinutes * 60_000);
  await deps.scheduler.scheduleCheckback(actor.userId, task._id, checkbackAt);
  await deps.audit.record(actor, 'task.started', 'task', task._id, {
    checkbackMinutes,
    source: firstStep.source,
  });
  return {
    taskId: task._id,
    firstStep,
    checkbackAt: checkbackAt.toISOString(),
    message: `Just this one step: ${firstStep.title}. I'll check back in ${checkbackMinutes} minute${checkbackMinutes === 1 ? '' : 's'}.`,
  };
};
