import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.js';
import type { LlmErrorKind } from '../llm/failures.js';

// LLM calls, errors, tokens and estimated cost for /metrics, counted in Redis like the delivery counters
// (jobs/ops-counters.ts): chains run in app and worker processes alike, and any app process serves the sum.
// Recording never fails the call it describes.

export type LlmCall = {
  purpose: string;
  model: string;
  /** `ok`, or why it failed (llm_usage's outcome: timeout, rate_limited, rejected, unavailable, invalid_output). */
  outcome: string;
  errorKind: LlmErrorKind | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

export type LlmReading = {
  /** `purpose:outcome` → calls. */
  calls: Record<string, number>;
  /** `purpose:kind` → failed calls. */
  errors: Record<string, number>;
  /** `purpose:prompt|completion` → tokens. */
  tokens: Record<string, number>;
  /** model → estimated USD. */
  costUsd: Record<string, number>;
};

export type LlmCounters = {
  record: (call: LlmCall) => Promise<void>;
  read: () => Promise<LlmReading>;
};

const numbers = (hash: Record<string, string>) =>
  Object.fromEntries(Object.entries(hash).map(([key, value]) => [key, Number(value)]));

export const createLlmCounters = (redis: Redis, prefix: string, logger: Logger): LlmCounters => {
  const key = (what: string) => `${prefix}:focusforge:metrics:llm_${what}`;
  return {
    record: async (call) => {
      try {
        const batch = redis.multi().hincrby(key('calls'), `${call.purpose}:${call.outcome}`, 1);
        if (call.errorKind) batch.hincrby(key('errors'), `${call.purpose}:${call.errorKind}`, 1);
        if (call.inputTokens > 0) batch.hincrby(key('tokens'), `${call.purpose}:prompt`, call.inputTokens);
        if (call.outputTokens > 0)
          batch.hincrby(key('tokens'), `${call.purpose}:completion`, call.outputTokens);
        if (call.costUsd > 0) batch.hincrbyfloat(key('cost'), call.model, call.costUsd);
        await batch.exec();
      } catch (error) {
        logger.warn({ err: (error as Error).message, metric: 'llm' }, 'metrics counter not updated');
      }
    },
    read: async () => {
      const [calls, errors, tokens, cost] = await Promise.all(
        ['calls', 'errors', 'tokens', 'cost'].map((what) => redis.hgetall(key(what))),
      );
      return {
        calls: numbers(calls ?? {}),
        errors: numbers(errors ?? {}),
        tokens: numbers(tokens ?? {}),
        costUsd: numbers(cost ?? {}),
      };
    },
  };
};
