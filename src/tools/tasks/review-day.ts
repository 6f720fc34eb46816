import { z } from 'zod';
import { reviewDay, ReviewDayResultSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const reviewDayTool = defineTool({
  name: 'review_day',
  title: 'Evening review of today',
  description:
    "Looks back on the person's day: what they finished, points, streak, today's mood, open tasks due today with a " +
    "'move to tomorrow' suggestion, and one priority for tomorrow. Celebrate wins by name first; move nothing " +
    'without a yes (update_task moves). Changes nothing.',
  inputSchema: z.strictObject({}),
  outputSchema: ReviewDayResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx) => reviewDay(ctx.domain, ctx.actor),
});
