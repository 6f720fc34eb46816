import {
  SnoozeResultSchema,
  SnoozeSchema,
  snoozeTask,
} from '../../domain/notifications/notification-scheduler.js';
import { TaskIdSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { schedulerOf } from './scheduler-of.js';

export const snoozeTaskTool = defineTool({
  name: 'snooze_task',
  title: 'Snooze a task',
  description:
    "Puts one of the person's open tasks aside for a while and reminds them again after `minutes` (default 15, " +
    'up to 10080 = a week). Use it for "not now", "later", "remind me in 20 minutes". While snoozed, ' +
    'suggest_next_task skips it. Returns when the reminder will come (remindAt).',
  inputSchema: SnoozeSchema.extend({ taskId: TaskIdSchema }).strict(),
  outputSchema: SnoozeResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, { taskId, ...input }) =>
    snoozeTask({ ...ctx.domain, scheduler: schedulerOf(ctx) }, ctx.actor, taskId, input),
});
