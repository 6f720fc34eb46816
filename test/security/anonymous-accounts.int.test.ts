import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorSignature } from '../../src/channels/web/index.js';
import { freePort } from '../../src/dev/local-services.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { anonymousVisitor, chunksOf, postJson, uidOf } from './chat-harness.js';

// Finding 4: anonymous accounts are bounded (a global cap per minute that fails closed while Redis is away), event
// streams are capped per person, and accounts that never said anything are swept.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SECRET = randomBytes(32).toString('base64url');

/** Starts the next fixed one-minute window's budget early enough that the test's requests stay inside one window. */
const awayFromWindowEdge = async () => {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await sleep(left + 50);
};

const say = (env: TestEnv, token: string, messageId: string, text: string) =>
  postJson(env, '/chat/messages', { messageId, message: { text } }, { authorization: `Bearer ${token}` });

describe('the global cap on new anonymous accounts', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(
      {},
      {
        WIDGET_SECRET: SECRET,
        CHAT_ANON_SESSIONS_PER_MINUTE: '3',
        JOBS_PREFIX: `anoncap${randomBytes(4).toString('hex')}`,
      },
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('refuses a fourth new account in a minute with 429 and Retry-After, but returning visitors still get in', async () => {
    await awayFromWindowEdge();
    const first = await anonymousVisitor(env);
    await anonymousVisitor(env);
    await anonymousVisitor(env);
    const refused = await postJson(env, '/chat/session', {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/try again/i);
    const back = await postJson(env, '/chat/session', { token: first.token });
    expect(back.status).toBe(200);
  });
});

describe('while Redis does not answer', () => {
  let env: TestEnv;
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        }).on('error', () => resolve(false));
      });
      if (up) break;
      await sleep(50);
    }
    env = await createTestEnv(
      {},
      {
        WIDGET_SECRET: SECRET,
        REDIS_URL: `redis://127.0.0.1:${port}`,
        JOBS_PREFIX: `anonredis${randomBytes(4).toString('hex')}`,
      },
    );
  });
  afterAll(async () => {
    redis?.kill('SIGCONT');
    redis?.kill('SIGTERM');
    await env?.close();
  });

  it('refuses new anonymous accounts (503, Retry-After, a kind message) while other chat requests go on', async () => {
    const visitor = await anonymousVisitor(env);
    redis.kill('SIGSTOP'); // accepts connections, answers nothing
    try {
      const refused = await postJson(env, '/chat/session', {});
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/try again/i);
      // The per-person and per-IP limits still let a known visitor through.
      const turn = await say(env, visitor.token, 'while-down-1', 'hello');
      expect(turn.status).toBe(200);
      expect((await chunksOf(turn)).some((c) => c.type === 'text-delta')).toBe(true);
    } finally {
      redis.kill('SIGCONT');
    }
    redis.kill('SIGTERM'); // now nothing listens on the port at all
    await new Promise((resolve) => redis.once('exit', resolve));
    const closed = await postJson(env, '/chat/session', {});
    expect(closed.status).toBe(503);
    expect(closed.headers.get('retry-after')).toBeTruthy();
  });
});

describe('event streams', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(
      {},
      {
        WIDGET_SECRET: SECRET,
        CHAT_EVENT_STREAMS_PER_USER: '3',
        JOBS_PREFIX: `anonstreams${randomBytes(4).toString('hex')}`,
      },
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  const openEvents = (token: string) => {
    const stop = new AbortController();
    const response = env.app.request('/chat/events', {
      headers: { authorization: `Bearer ${token}` },
      signal: stop.signal,
    });
    return { response, stop };
  };

  it('lets a person hold three event streams at once; a fourth gets 429 until one closes', async () => {
    const { token } = await anonymousVisitor(env);
    const open = [openEvents(token), openEvents(token), openEvents(token)];
    for (const stream of open) expect((await stream.response).status).toBe(200);
    const fourth = await openEvents(token).response;
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBeTruthy();
    expect(((await fourth.json()) as { error: { message: string } }).error.message).toMatch(
      /open in several/,
    );
    const other = await anonymousVisitor(env);
    const theirs = openEvents(other.token);
    expect((await theirs.response).status).toBe(200); // the cap is per person
    open[0]!.stop.abort();
    await sleep(50);
    const again = openEvents(token);
    expect((await again.response).status).toBe(200);
    for (const stream of [...open, theirs, again]) stream.stop.abort();
  });
});

describe('silent anonymous accounts', () => {
  const clock = fixedClock(new Date());
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(
      { clock },
      {
        WIDGET_SECRET: SECRET,
        CHAT_ANON_IDLE_HOURS: '24',
        JOBS_PREFIX: `anonsweep${randomBytes(4).toString('hex')}`,
      },
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('deletes anonymous accounts that never sent a message after CHAT_ANON_IDLE_HOURS, and only those', async () => {
    const db = env.database.db;
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    const silent = await anonymousVisitor(env);
    const talker = await anonymousVisitor(env);
    const operator = await postJson(env, '/chat/session', {
      operator: {
        userId: 'customer-7',
        ts: nowSeconds,
        signature: operatorSignature(SECRET, 'customer-7', nowSeconds),
      },
    });
    const operatorUid = uidOf(((await operator.json()) as { token: string }).token);
    expect((await chunksOf(await say(env, talker.token, 'hi-1', 'hello'))).length).toBeGreaterThan(0);
    await env.conversations.idle();
    clock.advance(23 * 60 * 60_000);
    const young = await anonymousVisitor(env); // silent too, but only an hour old when the sweep runs
    clock.advance(2 * 60 * 60_000);

    const sweep = env.sweeps.find((s) => s.name === 'anonymous_accounts');
    expect(
      sweep,
      'the anonymous_accounts sweep is scheduled with the other maintenance sweeps',
    ).toBeDefined();
    expect(await sweep!.run(clock.now())).toBe(1);

    expect(await db.collection<{ _id: string }>('users').findOne({ _id: silent.userId })).toBeNull();
    expect(await db.collection('identities').countDocuments({ userId: silent.userId })).toBe(0);
    expect(await db.collection('api_tokens').countDocuments({ userId: silent.userId })).toBe(0);
    expect(await db.collection<{ _id: string }>('users').findOne({ _id: talker.userId })).not.toBeNull();
    expect(await db.collection<{ _id: string }>('users').findOne({ _id: young.userId })).not.toBeNull();
    expect(await db.collection<{ _id: string }>('users').findOne({ _id: operatorUid })).not.toBeNull();

    // The swept visitor's token no longer works for chatting; opening the chat again makes a fresh account.
    expect((await say(env, silent.token, 'late-1', 'hello?')).status).toBe(401);
    const fresh = await postJson(env, '/chat/session', { token: silent.token });
    expect(fresh.status).toBe(200);
    const body = (await fresh.json()) as { token: string; isNew: boolean };
    expect(body.isNew).toBe(true);
    expect(uidOf(body.token)).not.toBe(silent.userId);
  });
});
