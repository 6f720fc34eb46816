export { archiveReward } from './archive-reward.js';
export {
  celebrateCompletion,
  type Celebration,
  type CelebrateCompletionDeps,
  type CompletionEvent,
} from './celebrate-completion.js';
export { createReward, MAX_REWARDS, type RewardDeps } from './create-reward.js';
export {
  CelebrationSchema,
  CreateRewardSchema,
  GetPointsSchema,
  LedgerEntryDtoSchema,
  ListRedemptionsSchema,
  ListRewardsSchema,
  PointsSummarySchema,
  RedeemRewardResultSchema,
  RedemptionSchema,
  RewardIdSchema,
  RewardSchema,
  RewardStatusSchema,
  StreakChangeSchema,
  StreakSchema,
  UpdateRewardBodySchema,
  UpdateRewardSchema,
  type CelebrationDto,
  type CreateReward,
  type GetPoints,
  type LedgerEntryDto,
  type ListRedemptions,
  type ListRewards,
  type PointsSummary,
  type RedeemRewardResult,
  type Redemption,
  type Reward,
  type RewardId,
  type Streak,
  type StreakChange,
  type UpdateReward,
} from './gamification-schemas.js';
export { getPoints, labelForReason, toLedgerEntryDto } from './get-points.js';
export { getStreak, type GetStreakDeps } from './get-streak.js';
export { listRedemptions } from './list-redemptions.js';
export { listRewards } from './list-rewards.js';
export { addDays, daysBetween, localDay } from './local-day.js';
export {
  createPointsLedger,
  ledgerIndexes,
  levelFor,
  type AwardInput,
  type LedgerEntry,
  type PointsBalance,
  type PointsLedger,
} from './points-ledger.js';
export { redeemReward, type RedeemRewardDeps } from './redeem-reward.js';
export {
  createRewardRepo,
  redemptionIndexes,
  rewardIndexes,
  type RedemptionDoc,
  type RewardDoc,
  type RewardRepo,
} from './reward-repo.js';
export { createStreakRepo, streakIndexes, type StreakDoc, type StreakRepo } from './streak-repo.js';
export {
  advanceStreak,
  isMilestone,
  nextMilestone,
  STREAK_RULES,
  streakOutlook,
  type StreakOutlook,
  type StreakState,
  type StreakStep,
} from './streak-rules.js';
export { updateReward } from './update-reward.js';
