import { listRewards, redeemReward, RedeemRewardResultSchema, RewardIdSchema } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { confirmFirst } from '../elicitation.js';
import { defineTool } from '../tool.js';

export const redeemRewardTool = defineTool({
  name: 'redeem_reward',
  title: 'Redeem a reward',
  description:
    "Spends points on one of the person's rewards by id, only when they ask; confirm the reward and its cost " +
    'first. Too few points: fails kindly, spending nothing. Calling again redeems again.',
  inputSchema: RewardIdSchema,
  outputSchema: RedeemRewardResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  elicit: confirmFirst(async (ctx, { id }: { id: string }) => {
    const reward = (await listRewards(ctx.domain, ctx.actor, { status: 'all' })).find((r) => r.id === id);
    if (!reward) throw new AppError('REWARD_NOT_FOUND', "I couldn't find that reward.");
    return `Spend ${reward.cost} points on “${reward.title}”?`;
  }),
  run: (ctx, input) => redeemReward(ctx.domain, ctx.actor, input),
});
