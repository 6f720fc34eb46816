import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobsTestEnv, eventually, inboxOf, inSeconds, reminderJob } from './support/jobs-env.js';
import { runCli } from './support/spawn-cli.js';
import type { TestEnv, TestUser } from './support/test-env.js';

// The operator's side of issue 22: an admin role granted by the CLI, and an admin API that lists people, disables
// and enables one (every way in refused, no reminders), and shows usage and delivery health.

let env: TestEnv;
let cliEnv: Record<string, string>;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  env = await createJobsTestEnv();
  await env.jobs.start();
  cliEnv = {
    MONGODB_URI: env.config.mongodbUri!,
    REDIS_URL: env.config.redisUrl!,
    MONGODB_DB: env.config.mongodbDb,
    JOBS_PREFIX: env.config.jobs.prefix,
    MEMORY_INDEX_DIR: env.config.memoryIndexDir,
    LOG_LEVEL: 'warn',
  };
  admin = await env.newUser('Olu Operator');
  alice = await env.newUser('Alice');
  bob = await env.newUser('Bob');
});
afterAll(async () => {
  await env?.close();
});

/** An MCP `initialize` over Streamable HTTP with the person's token: the status a client would see. */
const mcpInitialize = async (user: TestUser) => {
  const res = await env.app.request('/mcp', {
    method: 'POST',
    headers: {
      host: 'localhost',
      authorization: `Bearer ${user.token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
  return { status: res.status, text: await res.text() };
};

describe('the admin role and API', () => {
  it('refuses a request without a token (401) and a person who is not an admin (403)', async () => {
    expect((await env.call(null, 'GET', '/api/v1/admin/users')).status).toBe(401);
    const refused = await env.call(alice, 'GET', '/api/v1/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/admin/i);
    expect((await env.call(alice, 'POST', `/api/v1/admin/users/${bob.userId}/disable`)).status).toBe(403);
  });

  it('is granted and revoked with `focusforge users admin grant|revoke --user …`, audited', async () => {
    const granted = await runCli(['users', 'admin', 'grant', '--user', admin.userId], cliEnv);
    expect(granted.code, granted.output).toBe(0);
    expect(granted.output).toContain(`${admin.userId} is now an admin`);
    expect((await env.call(admin, 'GET', '/api/v1/admin/users')).status).toBe(200);

    const revoked = await runCli(['users', 'admin', 'revoke', '--user', alice.userId], cliEnv);
    expect(revoked.code, revoked.output).toBe(0);
    const unknown = await runCli(['users', 'admin', 'grant', '--user', 'usr_nobody'], cliEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/There is no user usr_nobody/);

    const audit = await env.domain.audit.list(admin.userId);
    expect(audit.map((e) => [e.action, e.via])).toContainEqual(['admin.role_granted', 'cli']);
  }, 90_000);

  it('lists people page by page, with what an operator needs and no secrets or messages', async () => {
    await env.call(alice, 'POST', '/api/v1/tasks', { title: 'Secret plan for the surprise party' });
    const first = await env.call(admin, 'GET', '/api/v1/admin/users?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await env.call(admin, 'GET', `/api/v1/admin/users?limit=2&after=${first.body.next}`);
    const everyone = [...first.body.items, ...second.body.items];
    expect(everyone.map((p: { id: string }) => p.id).sort()).toEqual(
      [admin.userId, alice.userId, bob.userId].sort(),
    );
    expect(second.body.next).toBeNull();
    const listedAlice = everyone.find((p: { id: string }) => p.id === alice.userId);
    expect(listedAlice).toMatchObject({
      name: 'Alice',
      createdAt: expect.any(String),
      lastActiveAt: expect.any(String),
      channels: expect.any(Array),
      isAdmin: false,
      disabled: false,
    });
    const text = JSON.stringify(everyone);
    expect(text).not.toContain('surprise party');
    expect(text).not.toMatch(/ff_|tokenHash|codeHash/);
  });

  it('disables a person: API, MCP and chat refuse them, their reminders are not sent; enabling restores them', async () => {
    const dueAt = inSeconds(3);
    const created = await env.call(alice, 'POST', '/api/v1/tasks', {
      title: 'Call mum',
      dueAt,
      reminders: [0],
    });
    expect(created.status).toBe(201);
    await env.call(bob, 'PATCH', '/api/v1/me', { quietHours: null });
    await env.call(alice, 'PATCH', '/api/v1/me', { quietHours: null });
    await env.call(bob, 'POST', '/api/v1/tasks', { title: 'Feed the cat', dueAt, reminders: [0] });
    expect((await mcpInitialize(alice)).status).toBe(200);

    const self = await env.call(admin, 'POST', `/api/v1/admin/users/${admin.userId}/disable`);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/yourself/);

    const disabled = await env.call(admin, 'POST', `/api/v1/admin/users/${alice.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: alice.userId, disabled: true });

    const me = await env.call(alice, 'GET', '/api/v1/me');
    expect(me.status).toBe(403);
    expect(me.body.error.message).toMatch(/disabled/);
    const mcp = await mcpInitialize(alice);
    expect(mcp.status).toBe(403);
    expect(mcp.text).toMatch(/disabled/);
    // Chat on any channel (web, SMS, Slack) reaches the planner: the person hears why, and nothing runs.
    const turn = env.conversations.converse({
      userId: alice.userId,
      channel: 'sms',
      threadId: 'main',
      messageId: 'disabled-1',
      message: { text: 'add buy milk' },
    });
    await expect(turn.reply).rejects.toThrow(/disabled/);

    // Bob's reminder at the same moment arrives; Alice's is dropped, not sent.
    await eventually('Bob’s reminder', async () => (await inboxOf(env, bob)).length > 0);
    await eventually('Alice’s reminder job to finish', async () =>
      (await reminderJob(env, created.body.id, dueAt))?.isCompleted(),
    );
    const finished = await reminderJob(env, created.body.id, dueAt);
    expect(finished?.returnvalue).toMatchObject({ outcome: 'dropped' });
    expect(await env.inbox.list(alice.userId)).toEqual([]);

    const listed = await env.call(admin, 'GET', '/api/v1/admin/users?limit=50');
    expect(listed.body.items.find((p: { id: string }) => p.id === alice.userId).disabled).toBe(true);

    const enabled = await env.call(admin, 'POST', `/api/v1/admin/users/${alice.userId}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ id: alice.userId, disabled: false });
    expect((await env.call(alice, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await mcpInitialize(alice)).status).toBe(200);

    const actions = (await env.domain.audit.list(admin.userId)).map((e) => [e.action, e.entityId]);
    expect(actions).toContainEqual(['admin.user_disabled', alice.userId]);
    expect(actions).toContainEqual(['admin.user_enabled', alice.userId]);
  }, 60_000);

  it('disables a web chat visitor: their widget session is refused until enabled', async () => {
    const headers = { 'content-type': 'application/json', origin: 'http://localhost:3000' };
    const started = await env.app.request('/chat/session', { method: 'POST', headers, body: '{}' });
    expect(started.status).toBe(200);
    const { token } = (await started.json()) as { token: string };
    const uid = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string })
      .uid;
    const history = () =>
      env.app.request('/chat/history', { headers: { ...headers, authorization: `Bearer ${token}` } });
    expect((await history()).status).toBe(200);

    expect((await env.call(admin, 'POST', `/api/v1/admin/users/${uid}/disable`)).status).toBe(200);
    const refused = await history();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/disabled/);
    expect((await env.call(admin, 'POST', `/api/v1/admin/users/${uid}/enable`)).status).toBe(200);
    expect((await history()).status).toBe(200);
  });

  it('shows usage per person and delivery health over 24 hours and 7 days, with queue depth', async () => {
    const usage = await env.call(admin, 'GET', '/api/v1/admin/usage?limit=50');
    expect(usage.status).toBe(200);
    const ofAlice = usage.body.items.find((p: { userId: string }) => p.userId === alice.userId);
    expect(ofAlice).toMatchObject({ tasks: 2, turns: 0, llm: { calls: 0, inputTokens: 0, outputTokens: 0 } });

    const health = await env.call(admin, 'GET', '/api/v1/admin/deliveries');
    expect(health.status).toBe(200);
    expect(health.body.last24h).toContainEqual({ channel: 'web', outcome: 'sent', count: 1 });
    expect(health.body.last7d).toContainEqual({ channel: 'web', outcome: 'sent', count: 1 });
    expect(health.body.queues.reminders).toMatchObject({ failed: 0 });
    expect((await env.call(bob, 'GET', '/api/v1/admin/deliveries')).status).toBe(403);
  });
});
