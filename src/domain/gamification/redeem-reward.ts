import { AppError, newId, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { RewardIdSchema, type RedeemRewardResult, type RewardId } from './gamification-schemas.js';
import type { PointsLedger } from './points-ledger.js';
import { toRedemption, type RedemptionDoc, type RewardRepo } from './reward-repo.js';
import { rewardNotFound } from './update-reward.js';

export type RedeemRewardDeps = { rewards: RewardRepo; ledger: PointsLedger; audit: AuditLog; clock: Clock };

/**
 * Spends points on one of the person's active rewards. The ledger's spend is the single point of truth, so
 * any number of simultaneous taps can never take the balance below zero.
 */
export const redeemReward = async (
  deps: RedeemRewardDeps,
  actor: Actor,
  input: RewardId,
): Promise<RedeemRewardResult> => {
  const { id: rewardId } = RewardIdSchema.parse(input);
  const reward = await deps.rewards.get(actor.userId, rewardId);
  if (!reward) throw rewardNotFound();
  if (reward.status !== 'active') {
    throw new AppError(
      'CONFLICT',
      'That reward is archived. Restore it first if you would like to redeem it.',
    );
  }
  const redemptionId = newId('rdm');
  const entry = await deps.ledger.spend(actor.userId, {
    key: `redemption:${redemptionId}`,
    reason: 'reward_redeemed',
    points: reward.cost,
    refId: redemptionId,
  });
  const doc: RedemptionDoc = {
    _id: redemptionId,
    userId: actor.userId,
    rewardId: reward._id,
    title: reward.title,
    cost: reward.cost,
    ledgerEntryId: entry._id,
    balanceAfter: entry.balanceAfter,
    redeemedAt: entry.at,
  };
  await deps.rewards.insertRedemption(doc);
  await deps.audit.record(actor, 'reward.redeemed', 'redemption', redemptionId, {
    rewardId: reward._id,
    cost: reward.cost,
  });
  return {
    redemption: toRedemption(doc),
    balance: entry.balanceAfter,
    message: `Enjoy "${reward.title}"! You earned it.`,
  };
};
