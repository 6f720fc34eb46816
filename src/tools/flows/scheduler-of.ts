import type { NotificationScheduler } from '../../domain/notifications/notification-scheduler.js';
import { AppError } from '../../shared/errors.js';
import type { ToolContext } from '../tool.js';

/** The reminder scheduler of this connection; an edge that did not wire it gets a clear, retryable refusal. */
export const schedulerOf = (ctx: ToolContext): NotificationScheduler => {
  if (!ctx.scheduler)
    throw new AppError(
      'UNAVAILABLE',
      "Reminders and check-backs aren't available on this connection right now.",
    );
  return ctx.scheduler;
};
