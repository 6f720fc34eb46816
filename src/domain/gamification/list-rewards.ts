import type { Actor } from '../audit/audit-log.js';
import { ListRewardsSchema, type ListRewards, type Reward } from './gamification-schemas.js';
import { toReward, type RewardRepo } from './reward-repo.js';
import { MAX_REWARDS } from './create-reward.js';

/** The person's reward store: active rewards by default, or archived / all. */
export const listRewards = async (
  deps: { rewards: RewardRepo },
  actor: Actor,
  input: ListRewards = {},
): Promise<Reward[]> => {
  const { status } = ListRewardsSchema.parse(input);
  return (await deps.rewards.list(actor.userId, status, MAX_REWARDS)).map(toReward);
};
