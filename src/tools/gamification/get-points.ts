import {
  getPoints,
  GetPointsSchema,
  getStreak,
  PointsSummarySchema,
  StreakSchema,
} from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const getPointsTool = defineTool({
  name: 'get_points',
  title: 'Get points, level and streak',
  description:
    'Points balance, level, latest ledger entries (default 20) and the streak (current, longest, freezes, grace ' +
    'day, next milestone). Nothing is ever taken as a penalty; a missed day is never a failure.',
  inputSchema: GetPointsSchema,
  outputSchema: PointsSummarySchema.extend({ streak: StreakSchema }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const [points, streak] = await Promise.all([
      getPoints(ctx.domain, ctx.actor, input),
      getStreak(ctx.domain, ctx.actor),
    ]);
    return { ...points, streak };
  },
});
