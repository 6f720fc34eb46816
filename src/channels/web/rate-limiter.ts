import type { Redis } from 'ioredis';
import { AppError } from '../../shared/errors.js';

export type RateLimit = { limit: number; windowMs: number };

export type RateLimiter = {
  /** Counts one hit for `key` in `scope`; RATE_LIMITED once the window's budget is spent. */
  hit: (scope: string, key: string, rule: RateLimit) => Promise<void>;
};

/**
 * Fixed-window counters in Redis (INCR is atomic there, and every node shares them). While Redis is unreachable the
 * limiter lets requests through: refusing every chat because a counter store is down would be the worse failure.
 */
export const createRateLimiter = (
  redis: Redis,
  prefix: string,
  onUnavailable: (error: Error) => void,
): RateLimiter => ({
  hit: async (scope, key, { limit, windowMs }) => {
    const window = Math.floor(Date.now() / windowMs);
    const redisKey = `${prefix}:chat-rl:${scope}:${key}:${window}`;
    let count: number;
    try {
      const results = await redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowMs + 1_000)
        .exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      onUnavailable(error as Error);
      return;
    }
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * windowMs - Date.now()) / 1000));
      throw new AppError(
        'RATE_LIMITED',
        `That's a lot of messages at once. Please wait ${retryAfter} s and try again.`,
        {
          details: { retryAfterSeconds: retryAfter, scope },
        },
      );
    }
  },
});
