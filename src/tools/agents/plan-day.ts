import { z } from 'zod';
import { DayPlanResultSchema } from '../../agents/index.js';
import { defineTool } from '../tool.js';

export const planDayTool = defineTool({
  name: 'plan_day',
  title: 'Plan a realistic day',
  description:
    'Plans a realistic day from the open tasks: a quick win first, due and important things early, heavy tasks ' +
    'matched to energy, short breaks; the rest under `later`, never as failed. Returns time blocks; changes nothing.',
  inputSchema: z
    .object({
      date: z.iso
        .date()
        .optional()
        .describe('YYYY-MM-DD in your time zone; default today (tomorrow late in the evening)'),
    })
    .strict(),
  outputSchema: DayPlanResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.agents.planDay(ctx.actor, input),
});
