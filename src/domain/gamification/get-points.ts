import type { Actor } from '../audit/audit-log.js';
import {
  GetPointsSchema,
  type GetPoints,
  type LedgerEntryDto,
  type PointsSummary,
} from './gamification-schemas.js';
import { levelFor, type LedgerEntry, type PointsLedger } from './points-ledger.js';

const labels: Record<string, string> = {
  task_completed: 'Finished a task',
  focus_completed: 'Completed a focus block',
  streak_milestone: 'Streak milestone bonus',
  comeback: 'Welcome-back bonus',
  reward_redeemed: 'Treated yourself to a reward',
};

/** A short human description of why points moved. */
export const labelForReason = (reason: string): string =>
  labels[reason] ?? reason.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const toLedgerEntryDto = (entry: LedgerEntry): LedgerEntryDto => ({
  id: entry._id,
  reason: entry.reason,
  label: labelForReason(entry.reason),
  points: entry.points,
  refId: entry.refId,
  balanceAfter: entry.balanceAfter ?? 0,
  at: entry.at.toISOString(),
});

/** Balance, level, progress to the next level and the most recent ledger entries. */
export const getPoints = async (
  deps: { ledger: PointsLedger },
  actor: Actor,
  input: GetPoints = {},
): Promise<PointsSummary> => {
  const { limit } = GetPointsSchema.parse(input);
  const [totals, history] = await Promise.all([
    deps.ledger.balance(actor.userId),
    deps.ledger.history(actor.userId, limit),
  ]);
  const levelStart = 50 * (totals.level - 1) ** 2;
  const { nextLevelAt } = levelFor(totals.lifetimePoints);
  return {
    balance: totals.balance,
    lifetimePoints: totals.lifetimePoints,
    level: totals.level,
    nextLevelAt,
    pointsToNextLevel: Math.max(0, nextLevelAt - totals.lifetimePoints),
    levelProgress: Math.min(
      1,
      Math.max(0, (totals.lifetimePoints - levelStart) / (nextLevelAt - levelStart)),
    ),
    history: history.map(toLedgerEntryDto),
  };
};
