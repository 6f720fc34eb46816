import type { AIMessage } from '@langchain/core/messages';
import type { LlmConfig, LlmPurpose } from '../../config.js';
import type { Logger } from '../../shared/index.js';
import type { LlmCounters } from '../usage/llm-counters.js';
import { costFor, priceFor, type TokenUsage } from '../usage/pricing.js';
import type { UsageRepo } from '../usage/usage-repo.js';
import { describeFailure, type CallOutcome, type LlmErrorKind } from './failures.js';

/** One model call as it is accounted: whose, for which chain, how it went, what it cost in tokens and time. */
export type LlmCallRecord = {
  userId: string;
  purpose: LlmPurpose;
  model: string;
  mode: string;
  outcome: CallOutcome;
  tokens: TokenUsage;
  latencyMs: number;
  errorKind?: LlmErrorKind | null;
};

export type UsageRecorderDeps = {
  config: LlmConfig;
  usage: UsageRepo;
  counters?: LlmCounters | undefined;
  logger: Logger;
};

/** Records a call's cost in the deployment counters and the person's usage; resolves to its cost in USD. */
export type RecordLlmCall = (call: LlmCallRecord) => Promise<number>;

export const createUsageRecorder =
  ({ config, usage, counters, logger }: UsageRecorderDeps): RecordLlmCall =>
  async ({ userId, purpose, model, mode, outcome, tokens, latencyMs, errorKind = null }) => {
    const costUsd = costFor(priceFor(config, model), tokens);
    await counters?.record({ purpose, model, outcome, errorKind, ...tokens, costUsd });
    try {
      await usage.record({
        userId,
        chain: purpose,
        model,
        mode,
        outcome,
        ...tokens,
        costUsd,
        latencyMs: Math.round(latencyMs),
      });
    } catch (error) {
      // Accounting must not take the answer away from the person; the gap shows in the log.
      logger.error({ err: describeFailure(error), chain: purpose }, 'could not record LLM usage');
    }
    return costUsd;
  };

/** The tokens a reply reports having used (zero when the server does not say). */
export const usageOf = (message: AIMessage): TokenUsage => ({
  inputTokens: message.usage_metadata?.input_tokens ?? 0,
  outputTokens: message.usage_metadata?.output_tokens ?? 0,
});
