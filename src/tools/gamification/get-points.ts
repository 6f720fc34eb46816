import { getPoints, GetPointsSchema, PointsSummarySchema } from '../../domain/gamification/index.js';
import { defineTool } from '../tool.js';

export const getPointsTool = defineTool({
  name: 'get_points',
  title: 'Get points and level',
  description:
    'Returns the points balance, lifetime points, level, points to the next level and the latest ledger entries ' +
    '(default 20, at most 200) with what each was for. Points are only ever earned, or spent on rewards the person ' +
    'chose; nothing is ever taken away as a penalty.',
  inputSchema: GetPointsSchema,
  outputSchema: PointsSummarySchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => getPoints(ctx.domain, ctx.actor, input),
});
