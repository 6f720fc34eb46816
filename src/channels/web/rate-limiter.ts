import type { Redis } from 'ioredis';
import { AppError } from '../../shared/index.js';

export type RateLimit = { limit: number; windowMs: number };

export type HitOptions = {
  /**
   * Refuse (503 UNAVAILABLE with a retry time) while Redis cannot count, instead of letting the request through.
   * For what creates something that stays, like new anonymous accounts.
   */
  failClosed?: boolean;
  /** What a person reads when the budget is spent; the default speaks of messages. */
  message?: (retryAfterSeconds: number) => string;
};

export type RateLimiter = {
  /** Counts one hit for `key` in `scope`; RATE_LIMITED once the window's budget is spent. */
  hit: (scope: string, key: string, rule: RateLimit, options?: HitOptions) => Promise<void>;
};

/** A counter that has not answered by then counts as unavailable: a stalled Redis must not stall the chat. */
const COUNT_TIMEOUT_MS = 1_000;
/** When to come back after a fail-closed refusal. */
const UNAVAILABLE_RETRY_S = 30;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limit counter did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * Fixed-window counters in Redis (INCR is atomic there, and every node shares them). While Redis is unreachable or
 * slow the limiter lets requests through, since refusing every chat because a counter store is down would be the
 * worse failure; scopes that create lasting things ask to fail closed instead.
 */
export const createRateLimiter = (
  redis: Redis,
  prefix: string,
  onUnavailable: (error: Error) => void,
): RateLimiter => ({
  hit: async (scope, key, { limit, windowMs }, options = {}) => {
    const window = Math.floor(Date.now() / windowMs);
    const redisKey = `${prefix}:chat-rl:${scope}:${key}:${window}`;
    let count: number;
    try {
      const results = await withTimeout(
        redis
          .multi()
          .incr(redisKey)
          .pexpire(redisKey, windowMs + 1_000)
          .exec(),
        COUNT_TIMEOUT_MS,
      );
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      onUnavailable(error as Error);
      if (!options.failClosed) return;
      throw new AppError('UNAVAILABLE', "I can't start a new chat right now. Please try again in a minute.", {
        cause: error,
        details: { retryAfterSeconds: UNAVAILABLE_RETRY_S, scope },
      });
    }
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * windowMs - Date.now()) / 1000));
      throw new AppError(
        'RATE_LIMITED',
        options.message?.(retryAfter) ??
          `That's a lot of messages at once. Please wait ${retryAfter} s and try again.`,
        { details: { retryAfterSeconds: retryAfter, scope } },
      );
    }
  },
});
