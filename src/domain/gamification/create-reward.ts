import { AppError, newId, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { CreateRewardSchema, type CreateReward, type Reward } from './gamification-schemas.js';
import { toReward, type RewardDoc, type RewardRepo } from './reward-repo.js';

export type RewardDeps = { rewards: RewardRepo; audit: AuditLog; clock: Clock };

/** Rewards a person may keep, archived ones included; plenty for a personal store. */
export const MAX_REWARDS = 500;

/** Adds something the person would like to treat themselves to, priced in points. */
export const createReward = async (deps: RewardDeps, actor: Actor, input: CreateReward): Promise<Reward> => {
  const { title, description, cost } = CreateRewardSchema.parse(input);
  if ((await deps.rewards.count(actor.userId)) >= MAX_REWARDS) {
    throw new AppError(
      'CONFLICT',
      `You have ${MAX_REWARDS} rewards already. Archived ones count too; edit one instead?`,
    );
  }
  const now = deps.clock.now();
  const doc: RewardDoc = {
    _id: newId('rwd'),
    userId: actor.userId,
    title,
    description,
    cost,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  await deps.rewards.insert(doc);
  await deps.audit.record(actor, 'reward.created', 'reward', doc._id, { cost });
  return toReward(doc);
};
