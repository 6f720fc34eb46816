import { archiveReward, RewardIdSchema, RewardSchema } from '../../domain/gamification/index.js';
import { defineTool } from '../tool.js';

export const archiveRewardTool = defineTool({
  name: 'archive_reward',
  title: 'Archive a reward',
  description:
    'Takes a reward out of the store by id. Past redemptions stay; update_reward with status active brings it back.',
  inputSchema: RewardIdSchema,
  outputSchema: RewardSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => archiveReward(ctx.domain, ctx.actor, input),
});
