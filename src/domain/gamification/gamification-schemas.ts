import { z } from 'zod';
import { singleLineText } from '../../shared/index.js';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar day like 2025-03-14');

/** What one completion did to the streak. */
export const StreakChangeSchema = z.object({
  current: z.number().int().min(0),
  longest: z.number().int().min(0),
  freezes: z.number().int().min(0),
  lastActiveDay: DaySchema.nullable(),
  kind: z.enum(['started', 'same_day', 'earlier_day', 'continued', 'bridged', 'restarted']),
  graceUsed: z.boolean(),
  graceUsedOn: z.array(DaySchema),
  freezesUsed: z.number().int().min(0),
  freezeEarned: z.boolean(),
  restarted: z.boolean(),
});

/** The answer to "I finished something": points, streak and a short kind message. Never a deduction. */
export const CelebrationSchema = z.object({
  isNew: z.boolean(),
  pointsAwarded: z.number().int().min(0),
  comebackBonus: z.number().int().min(0),
  milestoneBonus: z.number().int().min(0),
  milestone: z.number().int().nullable(),
  balance: z.number().int(),
  level: z.number().int().min(1),
  streak: StreakChangeSchema,
  message: z.string(),
});

export const LedgerEntryDtoSchema = z.object({
  id: z.string(),
  reason: z.string(),
  /** A human description of the reason, e.g. "Finished a task". */
  label: z.string(),
  points: z.number().int(),
  refId: z.string().nullable(),
  balanceAfter: z.number().int(),
  at: z.iso.datetime(),
});

export const GetPointsSchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(20)
    .describe('How many recent ledger entries to include'),
});

export const PointsSummarySchema = z.object({
  balance: z.number().int(),
  lifetimePoints: z.number().int(),
  level: z.number().int().min(1),
  /** Lifetime points at which the next level starts. */
  nextLevelAt: z.number().int(),
  pointsToNextLevel: z.number().int().min(0),
  /** 0..1 progress through the current level. */
  levelProgress: z.number().min(0).max(1),
  history: z.array(LedgerEntryDtoSchema),
});

export const StreakSchema = z.object({
  status: z.enum(['not_started', 'done_today', 'continues_today', 'fresh_start']),
  /** The run as it stands today; 0 when the next completion starts a fresh streak. */
  current: z.number().int().min(0),
  longest: z.number().int().min(0),
  freezes: z.number().int().min(0),
  maxFreezes: z.number().int(),
  graceAvailableToday: z.boolean(),
  lastActiveDay: DaySchema.nullable(),
  today: DaySchema,
  timezone: z.string(),
  nextMilestone: z.number().int(),
  activeDays: z.number().int().min(0),
  recentlyBridged: z.array(z.object({ day: DaySchema, by: z.enum(['grace', 'freeze']) })),
  message: z.string(),
});

const TitleSchema = singleLineText('title', 100);
const DescriptionSchema = z.string().trim().max(500);
const CostSchema = z.number().int('cost must be a whole number').min(1).max(1_000_000);

export const CreateRewardSchema = z.object({
  title: TitleSchema.describe('What the treat is, e.g. "Fancy coffee"'),
  description: DescriptionSchema.default('').describe('Optional details'),
  cost: CostSchema.describe('Price in points (a finished task earns roughly 10-30)'),
});

export const RewardStatusSchema = z.enum(['active', 'archived']);
const IdSchema = z.string().min(1).max(64);
export const RewardIdSchema = z.object({ id: IdSchema });

const rewardPatch = {
  title: TitleSchema.optional(),
  description: DescriptionSchema.optional(),
  cost: CostSchema.optional(),
  /** `archived` takes it out of the store; `active` brings it back. */
  status: RewardStatusSchema.optional(),
};
const hasChange = (v: Record<string, unknown>) =>
  Object.keys(v).some((k) => k !== 'id' && v[k] !== undefined);

/** Changes to one reward; at least one field besides `id`. */
export const UpdateRewardSchema = z
  .object({ id: IdSchema, ...rewardPatch })
  .strict()
  .refine(hasChange, { message: 'nothing to update' });

/** The PATCH body: the same fields, with the id taken from the path. */
export const UpdateRewardBodySchema = z
  .object(rewardPatch)
  .strict()
  .refine(hasChange, { message: 'nothing to update' });

export const ListRewardsSchema = z.object({
  status: z
    .enum(['active', 'archived', 'all'])
    .default('active')
    .describe('Which rewards to list (default active)'),
});

export const RewardSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  cost: z.number().int(),
  status: RewardStatusSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  archivedAt: z.iso.datetime().nullable(),
});

export const RedemptionSchema = z.object({
  id: z.string(),
  rewardId: z.string(),
  title: z.string(),
  cost: z.number().int(),
  balanceAfter: z.number().int(),
  redeemedAt: z.iso.datetime(),
});

export const RedeemRewardResultSchema = z.object({
  redemption: RedemptionSchema,
  balance: z.number().int(),
  message: z.string(),
});

export const ListRedemptionsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('At most this many, newest first'),
});

export type StreakChange = z.infer<typeof StreakChangeSchema>;
export type CelebrationDto = z.infer<typeof CelebrationSchema>;
export type LedgerEntryDto = z.infer<typeof LedgerEntryDtoSchema>;
export type GetPoints = z.input<typeof GetPointsSchema>;
export type PointsSummary = z.infer<typeof PointsSummarySchema>;
export type Streak = z.infer<typeof StreakSchema>;
export type CreateReward = z.input<typeof CreateRewardSchema>;
export type UpdateReward = z.infer<typeof UpdateRewardSchema>;
export type ListRewards = z.input<typeof ListRewardsSchema>;
export type RewardId = z.infer<typeof RewardIdSchema>;
export type Reward = z.infer<typeof RewardSchema>;
export type Redemption = z.infer<typeof RedemptionSchema>;
export type RedeemRewardResult = z.infer<typeof RedeemRewardResultSchema>;
export type ListRedemptions = z.input<typeof ListRedemptionsSchema>;
