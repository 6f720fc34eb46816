import { SnoozeResultSchema, SnoozeSchema, snoozeTaskReminder, TaskIdSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const snoozeTaskTool = defineTool({
  name: 'snooze_task',
  title: 'Snooze a task',
  description:
    '"Not now" for one open task: reminds them again after `minutes` (default 15, up to 10080 = a week) on their ' +
    'channel; suggest_next_task skips it meanwhile. For "later", "remind me in 20 minutes". Returns remindAt.',
  inputSchema: SnoozeSchema.extend({ taskId: TaskIdSchema }).strict(),
  outputSchema: SnoozeResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  run: (ctx, { taskId, ...input }) =>
    snoozeTaskReminder({ ...ctx.domain, scheduler: ctx.scheduler }, ctx.actor, taskId, input),
});
