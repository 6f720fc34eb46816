import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import type { RewardDeps } from './create-reward.js';
import { UpdateRewardSchema, type Reward, type UpdateReward } from './gamification-schemas.js';
import { toReward, type RewardDoc } from './reward-repo.js';

export const rewardNotFound = () => new AppError('REWARD_NOT_FOUND', "I couldn't find that reward.");

/** Changes a reward's title, description, cost or status (archiving keeps its redemption history intact). */
export const updateReward = async (deps: RewardDeps, actor: Actor, input: UpdateReward): Promise<Reward> => {
  const { id: rewardId, ...patch } = UpdateRewardSchema.parse(input);
  const now = deps.clock.now();
  const set: Partial<RewardDoc> = { updatedAt: now };
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.cost !== undefined) set.cost = patch.cost;
  if (patch.status !== undefined) {
    set.status = patch.status;
    set.archivedAt = patch.status === 'archived' ? now : null;
  }
  const updated = await deps.rewards.update(actor.userId, rewardId, set);
  if (!updated) throw rewardNotFound();
  await deps.audit.record(actor, 'reward.updated', 'reward', rewardId, { fields: Object.keys(patch) });
  return toReward(updated);
};
