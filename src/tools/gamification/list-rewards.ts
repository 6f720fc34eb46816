import { z } from 'zod';
import { listRewards, ListRewardsSchema, RewardSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const listRewardsTool = defineTool({
  name: 'list_rewards',
  title: 'List rewards',
  description:
    "The rewards in the person's own store and their costs in points; active by default, or archived / all.",
  inputSchema: ListRewardsSchema,
  outputSchema: z.object({ items: z.array(RewardSchema), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const items = await listRewards(ctx.domain, ctx.actor, input);
    return { items, count: items.length };
  },
});
