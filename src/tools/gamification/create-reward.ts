import { createReward, CreateRewardSchema, RewardSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const createRewardTool = defineTool({
  name: 'create_reward',
  title: 'Create a reward',
  description:
    'Adds a reward to the person\'s store: a title (e.g. "Episode of my show"), optional description, cost in ' +
    'points. Suggest costs reachable in a few days of small wins.',
  inputSchema: CreateRewardSchema,
  outputSchema: RewardSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => createReward(ctx.domain, ctx.actor, input),
});
