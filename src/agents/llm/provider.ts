import type { AIMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig, LlmPurpose } from '../../config.js';
import type { Clock, Logger } from '../../shared/index.js';
import type { LlmCounters } from '../usage/llm-counters.js';
import type { UsageRepo } from '../usage/usage-repo.js';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js';
import { classifyFailure, errorKindOf } from './failures.js';
import { generateStructured } from './generate-structured.js';
import { createModelRegistry } from './model-registry.js';
import type { LlmResult, StructuredMode, StructuredRequest } from './structured-request.js';
import { createUsageRecorder, usageOf } from './usage-recorder.js';

export type { ContentPart, LlmResult, StructuredMode, StructuredRequest } from './structured-request.js';

export type LlmProvider = {
  readonly isEnabled: boolean;
  modelFor: (purpose: LlmPurpose) => string;
  /** A configured chat model (timeouts, retries) for callers that drive it themselves, e.g. the planner; null offline. */
  chatModel: (purpose: LlmPurpose) => ChatOpenAI | null;
  /** The circuit breaker the chains use, for callers of `chatModel`: ask before calling, report how it went. */
  circuit: Pick<CircuitBreaker, 'canCall' | 'recordSuccess' | 'recordFailure' | 'release'>;
  /** Asks for a JSON answer matching `schema`; never throws for endpoint or output problems, it says why instead. */
  generateStructured: <T>(request: StructuredRequest<T>) => Promise<LlmResult<T>>;
  /** Records a call made through `chatModel` (the usage is read from the returned message). */
  recordMessageUsage: (
    userId: string,
    purpose: LlmPurpose,
    message: AIMessage,
    mode?: string,
  ) => Promise<void>;
  /** Records a failed call made through `chatModel` (the planner's), so it is counted like the chains' failures. */
  recordFailure: (userId: string, purpose: LlmPurpose, error: unknown, latencyMs: number) => Promise<void>;
};

export type LlmProviderDeps = {
  config: LlmConfig;
  usage: UsageRepo;
  /** The deployment-wide counters /metrics serves (calls, errors, tokens, cost); absent, nothing is counted. */
  counters?: LlmCounters | undefined;
  logger: Logger;
  clock: Clock;
  breaker?: CircuitBreaker;
};

/** The LLM layer: one provider per process, models cached per name, every call accounted per person and chain. */
export const createLlmProvider = ({
  config,
  usage,
  counters,
  logger,
  clock,
  breaker = createCircuitBreaker(clock),
}: LlmProviderDeps): LlmProvider => {
  const models = createModelRegistry(config);
  const { modelFor } = models;
  const record = createUsageRecorder({ config, usage, counters, logger });
  const structured = {
    config,
    models,
    breaker,
    record,
    logger,
    learnedModes: new Map<string, StructuredMode>(),
  };

  return {
    isEnabled: config.enabled,
    modelFor,
    chatModel: (purpose) => (config.enabled ? models.clientFor(modelFor(purpose)) : null),
    circuit: breaker,
    generateStructured: (request) => generateStructured(structured, request),
    recordMessageUsage: async (userId, purpose, message, mode = 'text') => {
      const model = modelFor(purpose);
      await record({ userId, purpose, model, mode, outcome: 'ok', tokens: usageOf(message), latencyMs: 0 });
    },
    recordFailure: async (userId, purpose, error, latencyMs) => {
      await record({
        userId,
        purpose,
        model: modelFor(purpose),
        mode: 'tools',
        outcome: classifyFailure(error),
        tokens: { inputTokens: 0, outputTokens: 0 },
        latencyMs,
        errorKind: errorKindOf(error),
      });
    },
  };
};
