import type { Actor } from '../audit/audit-log.js';
import { ListRedemptionsSchema, type ListRedemptions, type Redemption } from './gamification-schemas.js';
import { toRedemption, type RewardRepo } from './reward-repo.js';

/** Rewards the person has treated themselves to, newest first. */
export const listRedemptions = async (
  deps: { rewards: RewardRepo },
  actor: Actor,
  input: ListRedemptions = {},
): Promise<Redemption[]> => {
  const { limit } = ListRedemptionsSchema.parse(input);
  return (await deps.rewards.listRedemptions(actor.userId, limit)).map(toRedemption);
};
