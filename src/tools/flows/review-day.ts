import { z } from 'zod';
import { reviewDay, ReviewDayResultSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';

export const reviewDayTool = defineTool({
  name: 'review_day',
  title: 'Evening review of today',
  description:
    "Looks back on the person's day in their own time zone: what they finished (tasks and steps), points earned, " +
    'streak, mood logs today (averages), open tasks due today with a "move to tomorrow" suggestion, and one ' +
    'suggested priority for tomorrow. Celebrate the wins by name first; offer the moves kindly and change ' +
    'nothing without a yes (update_task moves a task). Changes nothing itself.',
  inputSchema: z.strictObject({}),
  outputSchema: ReviewDayResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx) => reviewDay(ctx.domain, ctx.actor),
});
