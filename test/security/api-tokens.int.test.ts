import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { runCli } from '../support/spawn-cli.js';
import { createTestEnv, type TestEnv, type TestUser } from '../support/test-env.js';

// Issue 14: API tokens can expire (checked on every authentication, REST and MCP alike), and one person cannot pile
// up unlimited active tokens.

const clock = fixedClock('2026-03-02T09:00:00Z');
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(async () => {
  await env?.close();
});

const DAY = 86_400_000;
const as = (user: TestUser, token: string): TestUser => ({ userId: user.userId, token });

const mcpStatus = async (token: string) =>
  (
    await env.app.request('/mcp', {
      method: 'POST',
      headers: {
        host: 'localhost',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    })
  ).status;

describe('token expiry', () => {
  it('stops accepting a token after expiresInDays, over REST and MCP', async () => {
    const user = await env.newUser();
    const created = await env.call(user, 'POST', '/api/v1/me/tokens', { name: 'trial', expiresInDays: 2 });
    expect(created.status).toBe(201);
    expect(created.body.info.expiresAt).toBe('2026-03-04T09:00:00.000Z');
    const trial = as(user, created.body.token as string);
    expect((await env.call(trial, 'GET', '/api/v1/me')).status).toBe(200);
    expect(await mcpStatus(trial.token)).toBe(200);

    clock.advance(2 * DAY + 1_000);
    const refused = await env.call(trial, 'GET', '/api/v1/me');
    expect(refused.status).toBe(401);
    expect(await mcpStatus(trial.token)).toBe(401);
    // The token without expiry keeps working.
    expect((await env.call(user, 'GET', '/api/v1/me')).status).toBe(200);
    clock.set('2026-03-02T09:00:00Z');
  });

  it('takes an absolute expiresAt and refuses one in the past or both at once', async () => {
    const user = await env.newUser();
    const at = await env.call(user, 'POST', '/api/v1/me/tokens', { expiresAt: '2026-04-01T00:00:00Z' });
    expect(at.status).toBe(201);
    expect(at.body.info.expiresAt).toBe('2026-04-01T00:00:00.000Z');
    const past = await env.call(user, 'POST', '/api/v1/me/tokens', { expiresAt: '2026-03-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/future/);
    const both = await env.call(user, 'POST', '/api/v1/me/tokens', {
      expiresAt: '2026-04-01T00:00:00Z',
      expiresInDays: 3,
    });
    expect(both.status).toBe(400);
  });

  it('creates an expiring token from the CLI (tokens create --expires-in-days N)', async () => {
    const user = await env.newUser();
    const cliEnv = {
      MONGODB_URI: inject('mongodbUri'),
      REDIS_URL: inject('redisUrl'),
      MONGODB_DB: env.config.mongodbDb,
      LOG_LEVEL: 'warn',
    };
    const issued = await runCli(
      ['tokens', 'create', '--user', user.userId, '--name', 'ci', '--expires-in-days', '7'],
      cliEnv,
    );
    expect(issued.output).toMatch(/expires \d{4}-\d\d-\d\d/);
    expect(issued.code).toBe(0);
    const tokens = (await env.call(user, 'GET', '/api/v1/me/tokens')).body.items as {
      name: string;
      expiresAt: string;
    }[];
    const ci = tokens.find((t) => t.name === 'ci');
    const days = (Date.parse(ci!.expiresAt) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const bad = await runCli(
      ['tokens', 'create', '--user', user.userId, '--expires-in-days', 'soon'],
      cliEnv,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/expires-in-days/);
  }, 60_000);
});

describe('tokens per person', () => {
  it('refuses a 21st active token with a clear error, and allows one again after a revocation', async () => {
    const user = await env.newUser(); // holds one token already
    const ids: string[] = [];
    for (let i = 1; i < 20; i++) {
      const res = await env.call(user, 'POST', '/api/v1/me/tokens', { name: `t${i}` });
      expect(res.status).toBe(201);
      ids.push(res.body.info.id as string);
    }
    const over = await env.call(user, 'POST', '/api/v1/me/tokens', { name: 'one too many' });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/20 active API tokens/);
    expect((await env.call(user, 'GET', '/api/v1/me/tokens')).body.items).toHaveLength(20);

    expect((await env.call(user, 'DELETE', `/api/v1/me/tokens/${ids[0]}`)).status).toBe(200);
    expect((await env.call(user, 'POST', '/api/v1/me/tokens', { name: 'replacement' })).status).toBe(201);
  });

  it('does not count expired tokens', async () => {
    const user = await env.newUser();
    for (let i = 1; i < 20; i++) {
      expect(
        (await env.call(user, 'POST', '/api/v1/me/tokens', { name: `e${i}`, expiresInDays: 1 })).status,
      ).toBe(201);
    }
    clock.advance(DAY + 1_000);
    expect((await env.call(user, 'POST', '/api/v1/me/tokens', { name: 'fresh' })).status).toBe(201);
    clock.set('2026-03-02T09:00:00Z');
  });
});
