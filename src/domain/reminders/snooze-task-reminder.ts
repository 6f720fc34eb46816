import { z } from 'zod';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { NotificationScheduler } from '../notifications/notification-scheduler.js';
import type { TaskRepo } from '../tasks/task-repo.js';

export const SnoozeSchema = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15)
    .describe('Minutes to snooze, 1 to 10080 (default 15)'),
});

export const SnoozeResultSchema = z.object({ taskId: z.string(), remindAt: z.iso.datetime() });

export type SnoozeTaskReminderDeps = {
  tasks: TaskRepo;
  scheduler: NotificationScheduler;
  audit: AuditLog;
  clock: Clock;
};

/** "Not now": reminds about one of the person's open tasks again in some minutes. */
export const snoozeTaskReminder = async (
  deps: SnoozeTaskReminderDeps,
  actor: Actor,
  taskId: string,
  input: z.input<typeof SnoozeSchema>,
) => {
  const { minutes } = SnoozeSchema.parse(input);
  const task = await deps.tasks.get(actor.userId, taskId);
  if (!task || task.deletedAt) throw new AppError('TASK_NOT_FOUND', "I couldn't find that task.");
  if (task.status === 'done' || task.status === 'archived') {
    throw new AppError('CONFLICT', 'That task is already finished, so there is nothing to snooze.');
  }
  const until = new Date(deps.clock.now().getTime() + minutes * 60_000);
  await deps.scheduler.scheduleSnooze(actor.userId, task._id, until);
  await deps.audit.record(actor, 'task.snoozed', 'task', task._id, { minutes });
  return { taskId: task._id, remindAt: until.toISOString() };
};
