import { redeemReward, RedeemRewardResultSchema, RewardIdSchema } from '../../domain/gamification/index.js';
import { defineTool } from '../tool.js';

export const redeemRewardTool = defineTool({
  name: 'redeem_reward',
  title: 'Redeem a reward',
  description:
    "Spends points on one of the person's rewards by id. Only when the person asks for it; confirm the reward and " +
    'its cost first. Fails kindly, spending nothing, when the balance is too low. Calling it again redeems again.',
  inputSchema: RewardIdSchema,
  outputSchema: RedeemRewardResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => redeemReward(ctx.domain, ctx.actor, input),
});
