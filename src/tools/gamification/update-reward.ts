import { RewardSchema, updateReward, UpdateRewardSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const updateRewardTool = defineTool({
  name: 'update_reward',
  title: 'Change a reward',
  description:
    'Changes a reward by id: title, description, cost, or status (archived takes it out of the store, active ' +
    'brings it back). Send only what changes.',
  inputSchema: UpdateRewardSchema,
  outputSchema: RewardSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => updateReward(ctx.domain, ctx.actor, input),
});
