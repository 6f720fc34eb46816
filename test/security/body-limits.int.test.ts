import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestUser } from '../support/test-env.js';

// Issue 14: every route refuses a body bigger than it needs before parsing it, and a refusal leaves the client's
// pooled keep-alive connection usable (or says it will close it).

let env: TestEnv;
let server: ServerType;
let port: number;
let user: TestUser;

beforeAll(async () => {
  env = await createTestEnv(
    {},
    {
      WIDGET_SECRET: randomBytes(32).toString('base64url'),
      JOBS_PREFIX: `sbody${randomBytes(4).toString('hex')}`,
    },
  );
  user = await env.newUser();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: env.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await env?.close();
});

/** A JSON object of many tiny keys: cheap to send, expensive to parse. */
const manyKeys = (bytes: number) => {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const part = `"k${i}":0`;
    parts.push(part);
    size += part.length + 1;
  }
  return `{${parts.join(',')}}`;
};

/** A body sent in chunks without Content-Length, as a streaming client (or an attacker) would. */
const streamed = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.subarray(i, i + 16_384));
      controller.close();
    },
  });

const postRaw = (
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);

const anonymousToken = async () => {
  const res = await postRaw('/chat/session', '{}');
  return ((await res.json()) as { token: string }).token;
};

describe('per-route body limits', () => {
  it('refuses a big body to /chat/session before parsing it, by Content-Length or streamed', async () => {
    const body = manyKeys(200_000);
    const declared = await postRaw('/chat/session', body);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await postRaw('/chat/session', streamed(body));
    expect(chunked.status).toBe(413);
  });

  it('refuses a big body to /chat/events/read but still takes a normal one', async () => {
    const token = await anonymousToken();
    const auth = { authorization: `Bearer ${token}` };
    expect((await postRaw('/chat/events/read', manyKeys(100_000), auth)).status).toBe(413);
    expect((await postRaw('/chat/events/read', JSON.stringify({ id: 'nope' }), auth)).status).toBe(404);
  });

  it('still lets a photo-sized message through to /chat/messages', async () => {
    const token = await anonymousToken();
    // Not valid chat input, but big: it must reach the parser (400), not be refused for size (413).
    const res = await postRaw('/chat/messages', JSON.stringify({ pad: 'x'.repeat(3_000_000) }), {
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(400);
  });

  it('keeps the REST API to small bodies', async () => {
    const res = await postRaw('/api/v1/tasks', manyKeys(200_000), { authorization: `Bearer ${user.token}` });
    expect(res.status).toBe(413);
    const created = await postRaw(
      '/api/v1/tasks',
      JSON.stringify({ title: 'Small', notes: 'n'.repeat(4_000) }),
      {
        authorization: `Bearer ${user.token}`,
      },
    );
    expect(created.status).toBe(201);
  });

  it('refuses a big body to /mcp before parsing it', async () => {
    const res = await postRaw('/mcp', streamed(manyKeys(1_200_000)), {
      authorization: `Bearer ${user.token}`,
      host: 'localhost',
      accept: 'application/json, text/event-stream',
    });
    expect(res.status).toBe(413);
  });
});

type Reply = { status: number; connection: string | undefined; text: string };

/** One request on the shared agent; resolves with the reply or rejects with the socket error. */
const send = (agent: Agent, method: string, path: string, body?: Buffer): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // An oversized body may be cut off by the server once it has answered; that is the point of refusing it.
    if (body) req.end(body);
    else req.end();
  });

describe('a 413 over a keep-alive connection', () => {
  for (const [label, path, size] of [
    ['the REST API', '/api/v1/tasks', 2_000_000],
    ['the web chat session', '/chat/session', 2_000_000],
    ['the web chat (an unauthenticated upload)', '/chat/messages', 2_000_000],
    ['the web chat (over the photo limit)', '/chat/messages', 12_000_000],
  ] as const) {
    it(`leaves the pooled connection usable after refusing a body to ${label}`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refused = await send(agent, 'POST', path, Buffer.alloc(size, 0x20));
        expect([401, 413]).toContain(refused.status);
        // The client must either be told the connection closes, or be able to reuse it.
        const next = await send(agent, 'GET', '/health');
        expect(next.status).toBe(200);
        const again = await send(agent, 'GET', '/health');
        expect(again.status).toBe(200);
      } finally {
        agent.destroy();
      }
    });
  }
});
