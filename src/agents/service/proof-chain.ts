import type { Actor } from '../../domain/index.js';
import { runProofCheck } from '../chains/proof/run.js';
import { resolveProofEvidence } from './proof-evidence.js';
import { awardProofPoints } from './proof-points.js';
import { ValidateProofInputSchema, type ProofResult, type ValidateProofInput } from './schemas.js';
import type { ChainServiceDeps } from './service-deps.js';
import { ownTask } from './task-subject.js';

/** Checking proof that a task is done, awarding its points and keeping an audit record of the verdict. */
export type ProofChain = {
  validateProof: (actor: Actor, input: ValidateProofInput) => Promise<ProofResult>;
};

export type ProofChainDeps = Pick<ChainServiceDeps, 'domain' | 'run'> & {
  /** Hosts whose https image links may reach the model; none: uploads only. */
  proofImageHosts: readonly string[];
};

export const createProofChain = ({ domain, run, proofImageHosts }: ProofChainDeps): ProofChain => ({
  validateProof: async (actor, raw) => {
    const input = ValidateProofInputSchema.parse(raw);
    const task = await ownTask(domain, actor, input.taskId);
    const evidence = await resolveProofEvidence(
      { ...domain, allowedImageHosts: proofImageHosts },
      actor.userId,
      task.id,
      input.evidence,
    );
    const assessment = await runProofCheck(
      run,
      { userId: actor.userId },
      { task: { title: task.title, notes: task.notes }, evidence },
    );
    const points = await awardProofPoints(domain, actor, task.id, assessment.verdict);
    await domain.audit.record(actor, 'proof.validated', 'task', task.id, {
      verdict: assessment.verdict,
      confidence: assessment.confidence,
      mode: assessment.meta.mode,
      injectionSuspected: assessment.injectionSuspected,
    });
    return { ...assessment, taskId: task.id, points };
  },
});
