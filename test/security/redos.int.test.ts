import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/dev/local-services.js';
import { understand } from '../../src/agents/chains/understanding/understand.js';
import { spawnCli, waitForStatus, type CliProcess } from '../support/spawn-cli.js';

// Issue 14, finding 1: ~27 repetitions of "very " and a word froze the whole process in basic mode (a duplicate
// alternative inside `(?:...\s+)*`); every extra word doubled the time. The server runs in its own process here, so
// a regression shows as a timed-out answer and a silent /health instead of a hung test run.

let server: CliProcess;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnCli(['serve'], {
    MONGODB_URI: inject('mongodbUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: `redos_${randomBytes(4).toString('hex')}`,
    JOBS_PREFIX: `redos${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RUN_WORKERS: 'false',
  });
  expect(await waitForStatus(`${base}/ready`, (s) => s === 200, 40_000)).toBe(200);
});

afterAll(async () => {
  // A frozen server cannot run its SIGTERM handler; do not let a regression hang the run.
  const killer = setTimeout(() => server?.child.kill('SIGKILL'), 5_000);
  await server?.stop();
  clearTimeout(killer);
});

/** Polls /health every 25 ms while `work` runs; returns the slowest answer and whether any failed. */
const watchHealth = async <T>(work: Promise<T>) => {
  let slowestMs = 0;
  let failed = 0;
  let done = false;
  const watcher = (async () => {
    while (!done) {
      const started = performance.now();
      const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(3_000) }).then(
        (res) => res.ok,
        () => false,
      );
      if (!ok) failed++;
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    return { result: await work, slowestMs: () => slowestMs, failed: () => failed };
  } finally {
    done = true;
    await watcher;
  }
};

describe('a message built to make the understanding backtrack', () => {
  const attack = (n: number, word = 'sad') => `i'm ${'very '.repeat(n)}${word}`;

  it('is understood in linear time by the basic brain, however many words it repeats', () => {
    // Before the fix 27 repetitions took ~5 s of CPU (40 ran for hours, so only the separate server process below
    // meets those); the budget is generous on purpose: it catches exponential time, it measures nothing.
    for (const n of [20, 27]) {
      const started = performance.now();
      understand(attack(n, 'xyzzy'), { now: new Date(), timezone: 'UTC' });
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('is answered by an anonymous chat session while /health keeps answering', async () => {
    const session = await fetch(`${base}/chat/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(session.status).toBe(200);
    const { token } = (await session.json()) as { token: string };

    const { result, slowestMs, failed } = await watchHealth(
      Promise.all(
        [27, 33, 40].map(async (n, i) => {
          const res = await fetch(`${base}/chat/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ messageId: `redos-${i}`, message: { text: attack(n, 'xyzzy') } }),
            signal: AbortSignal.timeout(10_000),
          });
          return { status: res.status, body: await res.text() };
        }),
      ),
    );
    for (const reply of result) {
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('[DONE]');
    }
    expect(failed()).toBe(0);
    expect(slowestMs()).toBeLessThan(2_000);
  });
});
