import { celebrateCompletion, type Actor, type Domain } from '../../domain/index.js';
import type { Verdict } from '../chains/proof/schema.js';

/**
 * Points for proof, by verdict: every honest submission earns the effort tier, a near-miss earns more, an approval
 * the most. Each tier is a separate ledger entry with its own idempotency key, so a later, better verdict tops up
 * the difference and nothing is ever paid twice or taken back.
 */
export const PROOF_TIERS = [
  {
    key: (taskId: string) => `proof:${taskId}`,
    reason: 'proof_submitted',
    points: 2,
    reachedBy: ['rejected', 'needs_more', 'approved'] as Verdict[],
  },
  {
    key: (taskId: string) => `proof:${taskId}:needs_more`,
    reason: 'proof_partial',
    points: 3,
    reachedBy: ['needs_more', 'approved'] as Verdict[],
  },
  {
    key: (taskId: string) => `proof:${taskId}:approved`,
    reason: 'proof_approved',
    points: 10,
    reachedBy: ['approved'] as Verdict[],
  },
];

/** Total proof points a verdict is worth for one task. */
export const proofPointsFor = (verdict: Verdict): number =>
  PROOF_TIERS.filter((tier) => tier.reachedBy.includes(verdict)).reduce((sum, tier) => sum + tier.points, 0);

export type ProofAward = { awarded: number; totalForTask: number; balance: number; message: string };

/** Pays the tiers a verdict reaches; an approval goes through celebrateCompletion so the day counts for the streak. */
export const awardProofPoints = async (
  domain: Domain,
  actor: Actor,
  taskId: string,
  verdict: Verdict,
): Promise<ProofAward> => {
  let awarded = 0;
  let message = '';
  for (const tier of PROOF_TIERS.filter((t) => t.reachedBy.includes(verdict))) {
    if (tier.reason === 'proof_approved') {
      const celebration = await celebrateCompletion(domain, actor, {
        key: tier.key(taskId),
        reason: tier.reason,
        refId: taskId,
        points: tier.points,
        completedAt: domain.clock.now(),
      });
      awarded += celebration.pointsAwarded + celebration.milestoneBonus + celebration.comebackBonus;
      message = celebration.message;
      continue;
    }
    const { isNew, entry } = await domain.ledger.award(actor.userId, {
      key: tier.key(taskId),
      reason: tier.reason,
      points: tier.points,
      refId: taskId,
    });
    if (isNew) {
      awarded += entry.points;
      await domain.audit.record(actor, 'points.awarded', 'points_ledger', entry._id, {
        reason: tier.reason,
        points: entry.points,
      });
    }
  }
  const { balance } = await domain.ledger.balance(actor.userId);
  if (!message)
    message = awarded > 0 ? `+${awarded} points for the effort.` : 'Points for this one are already counted.';
  return { awarded, totalForTask: proofPointsFor(verdict), balance, message };
};
