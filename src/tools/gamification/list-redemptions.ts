import { z } from 'zod';
import { listRedemptions, ListRedemptionsSchema, RedemptionSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const listRedemptionsTool = defineTool({
  name: 'list_redemptions',
  title: 'List redeemed rewards',
  description:
    'Lists the rewards the person has redeemed, newest first (default 50, at most 200), with cost and balance after.',
  inputSchema: ListRedemptionsSchema,
  outputSchema: z.object({ items: z.array(RedemptionSchema), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const items = await listRedemptions(ctx.domain, ctx.actor, input);
    return { items, count: items.length };
  },
});
