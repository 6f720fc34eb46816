import type { Clock } from '../../shared/clock.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { PointsLedger } from './points-ledger.js';

export type CelebrateCompletionDeps = { ledger: PointsLedger; audit: AuditLog; clock: Clock };

export type CompletionEvent = {
  /** What was finished: `task_completed:<taskId>`, `focus_completed:<sessionId>`...; points are given once per key. */
  key: string;
  reason: string;
  refId: string;
  points: number;
  completedAt: Date;
};

export type Celebration = {
  isNew: boolean;
  pointsAwarded: number;
  comebackBonus: number;
  balance: number;
  level: number;
};

/** Rewards a finished thing: points once per key. Never deducts anything. */
export const celebrateCompletion = async (
  deps: CelebrateCompletionDeps,
  actor: Actor,
  event: CompletionEvent,
): Promise<Celebration> => {
  const { isNew, entry } = await deps.ledger.award(actor.userId, {
    key: event.key,
    reason: event.reason,
    points: event.points,
    refId: event.refId,
  });
  const totals = await deps.ledger.balance(actor.userId);
  if (isNew) await deps.audit.record(actor, 'points.awarded', 'points_ledger', entry._id, { reason: event.reason, points: entry.points });
  return { isNew, pointsAwarded: isNew ? entry.points : 0, comebackBonus: 0, balance: totals.balance, level: totals.level };
};
