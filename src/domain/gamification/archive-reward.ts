import type { Actor } from '../audit/audit-log.js';
import type { RewardDeps } from './create-reward.js';
import { RewardIdSchema, type Reward, type RewardId } from './gamification-schemas.js';
import { toReward } from './reward-repo.js';
import { rewardNotFound } from './update-reward.js';

/** "Deletes" a reward by archiving it: it leaves the store, its redemptions stay in history, and it can come back. */
export const archiveReward = async (deps: RewardDeps, actor: Actor, input: RewardId): Promise<Reward> => {
  const { id: rewardId } = RewardIdSchema.parse(input);
  const existing = await deps.rewards.get(actor.userId, rewardId);
  if (!existing) throw rewardNotFound();
  if (existing.status === 'archived') return toReward(existing);
  const now = deps.clock.now();
  const archived = await deps.rewards.update(actor.userId, rewardId, {
    status: 'archived',
    archivedAt: now,
    updatedAt: now,
  });
  if (!archived) throw rewardNotFound();
  await deps.audit.record(actor, 'reward.archived', 'reward', rewardId);
  return toReward(archived);
};
