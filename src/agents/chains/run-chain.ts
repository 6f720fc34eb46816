import type { z } from 'zod';
import type { LlmPurpose } from '../../config.js';
import type { Logger } from '../../shared/index.js';
import type { LlmProvider, StructuredRequest } from '../llm/provider.js';
import type { FallbackReason } from '../llm/failures.js';
import { aiMeta, basicMeta, type ChainMeta } from './chain-meta.js';

export type ChainSpec<Draft, Out> = {
  purpose: LlmPurpose;
  userId: string;
  /** The model call: prompt and the schema its answer must match. */
  request: Omit<StructuredRequest<Draft>, 'purpose' | 'userId'>;
  /** Turns a valid model answer into the chain's result; null when it is inconsistent (then the offline answer is used). */
  fromModel: (draft: Draft) => Out | null;
  /** The deterministic answer of basic mode. */
  offline: () => Out;
  /** The one result schema both paths must satisfy. */
  resultSchema: z.ZodType<Out>;
};

export type ChainRunDeps = { provider: LlmProvider; logger: Logger };

/**
 * Runs a chain: the model first when one is configured and healthy, the offline implementation otherwise or when
 * the model fails or answers with something that does not check out. Both paths end in the same validated shape.
 */
export const runChain = async <Draft, Out>(
  deps: ChainRunDeps,
  spec: ChainSpec<Draft, Out>,
): Promise<Out & { meta: ChainMeta }> => {
  const fallback = (reason: FallbackReason) => ({
    ...spec.resultSchema.parse(spec.offline()),
    meta: basicMeta(reason),
  });

  const answer = await deps.provider.generateStructured({
    ...spec.request,
    purpose: spec.purpose,
    userId: spec.userId,
  });
  if (!answer.ok) return fallback(answer.reason);

  const shaped = spec.fromModel(answer.data);
  const checked = shaped === null ? null : spec.resultSchema.safeParse(shaped);
  if (!checked?.success) {
    deps.logger.warn(
      { chain: spec.purpose, model: answer.model },
      'LLM answer was inconsistent; answering in basic mode',
    );
    return fallback('invalid_output');
  }
  return { ...checked.data, meta: aiMeta(answer.model) };
};
