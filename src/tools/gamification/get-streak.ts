import { z } from 'zod';
import { getStreak, StreakSchema } from '../../domain/gamification/index.js';
import { defineTool } from '../tool.js';

export const getStreakTool = defineTool({
  name: 'get_streak',
  title: 'Get the streak',
  description:
    'Returns the current and longest streak of days with something finished, freezes saved up, whether a grace ' +
    'day is available, the next milestone and a short message. A missed day is never a failure: grace days and ' +
    'freezes bridge gaps, and a new streak can start any day.',
  inputSchema: z.object({}).strict(),
  outputSchema: StreakSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx) => getStreak(ctx.domain, ctx.actor),
});
