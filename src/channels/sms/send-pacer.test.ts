import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/index.js';
import { createSendPacer } from './send-pacer.js';

// Nothing listens on port 1: every booking fails at once, as with Redis down.
const unreachable = new Redis({
  host: '127.0.0.1',
  port: 1,
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
unreachable.on('error', () => undefined); // refused connections are the point here
afterAll(() => unreachable.disconnect());

describe('the send pacer without Redis', () => {
  it('keeps sending, paced in this process, and says so in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    const pace = createSendPacer({
      redis: unreachable,
      prefix: 'unit',
      segmentsPerSecond: 20,
      logger: createLogger('warn', sink),
    });
    const started = performance.now();
    for (let i = 0; i < 3; i++) await pace('+14155550100', 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95); // two 50 ms gaps
    expect(lines.some((l) => l.includes('sms pacing falls back to this process'))).toBe(true);
  });
});
