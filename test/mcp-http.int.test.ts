import { serve, type ServerType } from '@hono/node-server';
import { Client, SdkHttpError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/tools/index.js';
import { callOk, expectToolError, tourAllTools } from './support/mcp-harness.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const env = useTestEnv();
let server: ServerType;
let base: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: env().app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const connect = async (user: TestUser, era: 'legacy' | 'modern') => {
  const client = new Client(
    { name: 'http-test', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${user.token}` } },
    }),
  );
  clients.push(client);
  return client;
};

/** A raw JSON-RPC POST, the way a hand-rolled client or an attacker's page would send it. */
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('MCP over Streamable HTTP', () => {
  it.each(['legacy', 'modern'] as const)(
    'serves the %s protocol era: lists and calls every tool',
    async (era) => {
      const client = await connect(await env().newUser('Lin', 'Asia/Tokyo'), era);
      expect(client.getProtocolEra()).toBe(era);
      expect(client.getNegotiatedProtocolVersion()).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(listed).toEqual(tools.map((t) => t.name).sort());
      expect((await client.listResources()).resources.length).toBeGreaterThan(0);
      await client.listPrompts();
      const called = await tourAllTools(client);
      expect([...called].sort()).toEqual(tools.map((t) => t.name).sort());
    },
  );

  it.each(['legacy', 'modern'] as const)(
    "acts only as the token owner (%s): B's token cannot read or change A's task ids",
    async (era) => {
      const ada = await connect(await env().newUser('Ada'), era);
      const bobUser = await env().newUser('Bob');
      const bob = await connect(bobUser, era);
      expect((await callOk(bob, 'get_profile')).id).toBe(bobUser.userId);
      const task = await callOk(ada, 'create_task', { title: 'Ada only', priority: 'low' });
      for (const [name, args] of [
        ['get_task', { taskId: task.id }],
        ['update_task', { taskId: task.id, changes: { priority: 'urgent', title: 'mine now' } }],
        ['complete_task', { taskId: task.id }],
        ['delete_task', { taskId: task.id }],
      ] as const) {
        const refused = expectToolError(await bob.callTool({ name, arguments: args }));
        expect(refused, name).toMatch(/couldn't find that task/);
      }
      await expect(bob.readResource({ uri: `focusforge://tasks/${task.id}` })).rejects.toThrow();
      expect(await callOk(ada, 'get_task', { taskId: task.id })).toMatchObject({
        title: 'Ada only',
        priority: 'low',
        status: 'todo',
        deletedAt: null,
      });
    },
  );

  it('refuses a request without a token with 401, a Bearer challenge and protected-resource metadata', async () => {
    const res = await post(initialize);
    expect(res.status).toBe(401);
    const challenge = res.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`${base}/.well-known/oauth-protected-resource/mcp`);
    const metadata = await fetch(metadataUrl!);
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({
      resource: `${base}/mcp`,
      bearer_methods_supported: ['header'],
    });
  });

  it('refuses a wrong or revoked token with 401 invalid_token', async () => {
    const res = await post(initialize, { authorization: `Bearer ff_${'x'.repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('refuses a connect from the SDK client without a token', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    const refused = await client
      .connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SdkHttpError);
    expect((refused as SdkHttpError).status).toBe(401);
  });

  it('answers a foreign Origin with 403 even with a valid token', async () => {
    const user = await env().newUser();
    const res = await post(initialize, {
      authorization: `Bearer ${user.token}`,
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    const allowed = await post(initialize, {
      authorization: `Bearer ${user.token}`,
      origin: 'http://localhost:5173',
    });
    expect(allowed.status).toBe(200);
  });

  it('answers a foreign Host (DNS rebinding) with 403', async () => {
    const user = await env().newUser();
    const res = await env().app.request('/mcp', {
      method: 'POST',
      headers: {
        host: 'attacker.example:3000',
        authorization: `Bearer ${user.token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(initialize),
    });
    expect(res.status).toBe(403);
  });

  it('answers an unknown or terminated session with 404', async () => {
    const user = await env().newUser();
    const res = await post(
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
      { authorization: `Bearer ${user.token}`, 'mcp-session-id': 'a-session-this-server-never-issued' },
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32001);
  });

  it('answers GET and DELETE promptly with 405 (no standalone stream, no sessions to end)', async () => {
    const user = await env().newUser();
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${base}/mcp`, {
        method,
        headers: { authorization: `Bearer ${user.token}`, accept: 'text/event-stream' },
        signal: AbortSignal.timeout(3_000),
      });
      expect(res.status, method).toBe(405);
      await res.body?.cancel();
    }
  });

  it('refuses a body that is not JSON with 415', async () => {
    const user = await env().newUser();
    const res = await post(JSON.stringify(initialize), {
      authorization: `Bearer ${user.token}`,
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });

  it('lets an allowed browser origin through CORS preflight and names no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/mcp`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('http://localhost:6274');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('refuses a body over the limit with 413', async () => {
    const user = await env().newUser();
    const huge = JSON.stringify({
      ...initialize,
      params: { ...initialize.params, padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    const res = await post(huge, { authorization: `Bearer ${user.token}` });
    expect(res.status).toBe(413);
  });
});
