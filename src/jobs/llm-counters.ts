import type { Redis } from 'ioredis';
import type { LlmCounters } from '../agents/index.js';
import type { Logger } from '../shared/index.js';

// The LLM counters of /metrics (the provider's port, agents/usage/llm-counters.ts), kept in Redis hashes beside the
// delivery counters so every process adds to the same numbers.

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
