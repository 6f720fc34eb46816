import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { withDeadline, type Logger } from '../../shared/index.js';

/** Waits until `number` may send `segments` more segments at the configured pace. */
export type SendPacer = (number: string, segments: number) => Promise<void>;

// Each number's next free moment lives in Redis, so every process sending from it shares one schedule (carriers
// count per number, not per process). The script books the slot and returns how long to wait for it, measured on
// Redis's clock so the processes' clocks need not agree.
const BOOK_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local after = start + tonumber(ARGV[1])
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil(after - now) + 1000)
return start - now
`;

/** Redis that has not booked a slot by then is treated as unavailable. */
const BOOK_TIMEOUT_MS = 1_000;

/** Pacing in this process only: the fallback while Redis cannot book. */
const createLocalPacer = (segmentsPerSecond: number): SendPacer => {
  const nextFree = new Map<string, number>();
  return async (number, segments) => {
    const now = Date.now();
    const start = Math.max(now, nextFree.get(number) ?? 0);
    nextFree.set(number, start + (segments * 1000) / segmentsPerSecond);
    if (start > now) await sleep(start - now);
  };
};

/**
 * Per-number pacing shared by every process through Redis: each FocusForge number sends `segmentsPerSecond`. While
 * Redis cannot book a slot the process paces on its own (texts keep flowing; only the shared pace loosens).
 */
export const createSendPacer = (deps: {
  redis: Redis;
  /** JOBS_PREFIX: the pace keys live beside the job queues. */
  prefix: string;
  segmentsPerSecond: number;
  logger: Logger;
}): SendPacer => {
  const local = createLocalPacer(deps.segmentsPerSecond);
  return async (number, segments) => {
    const costMs = (segments * 1000) / deps.segmentsPerSecond;
    let waitMs: number;
    try {
      waitMs = Number(
        await withDeadline(
          deps.redis.eval(BOOK_SLOT, 1, `${deps.prefix}:focusforge:sms-pace:${number}`, String(costMs)),
          BOOK_TIMEOUT_MS,
          'booking an SMS send slot',
        ),
      );
    } catch (error) {
      const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      deps.logger.warn({ err: reason }, 'sms pacing falls back to this process');
      return local(number, segments);
    }
    if (waitMs > 0) await sleep(waitMs);
  };
};
