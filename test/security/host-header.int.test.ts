import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// Issue 14: with PUBLIC_URL unset, no URL the server hands out (cached MCP metadata, the demo page's script, the
// 401 challenge) may be built from the request's Host header, and a Host does not make an Origin "our own".

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** A raw request with a Host of our choosing, the way an attacker (or a rebound DNS name) sends it. */
const get = (port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) =>
  new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });

const listen = async (env: TestEnv) => {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: env.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return { server, port: (server.address() as AddressInfo).port };
};

describe('without PUBLIC_URL', () => {
  let env: TestEnv;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    env = await createTestEnv({}, { WIDGET_SECRET: randomBytes(32).toString('base64url') });
    ({ server, port } = await listen(env));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await env?.close();
  });

  it('serves the protected-resource metadata with its own address, whatever the Host', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const res = await get(port, path, { host: 'evil.example' });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('evil.example');
      expect(JSON.parse(res.text)).toMatchObject({ resource: `http://127.0.0.1:${port}/mcp` });
    }
  });

  it('points the 401 challenge at its own metadata even for a loopback Host on another port', async () => {
    const res = await get(
      port,
      '/mcp',
      { host: 'localhost:6666', 'content-type': 'application/json' },
      'POST',
      '{}',
    );
    expect(res.status).toBe(401);
    const challenge = String(res.headers['www-authenticate']);
    expect(challenge).not.toContain('6666');
    expect(challenge).toContain(`http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp`);
  });

  it('embeds the widget script from its own address on the demo page', async () => {
    const res = await get(port, '/', { host: 'evil.example' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('evil.example');
    expect(res.text).toContain(`<script src="http://127.0.0.1:${port}/widget.js" defer></script>`);
  });

  it('does not treat an Origin as its own because the Host matches it', async () => {
    const res = await get(
      port,
      '/chat/session',
      { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' },
      'POST',
      '{}',
    );
    expect(res.status).toBe(403);
    // Its own loopback origins still work (the demo page opened as localhost or 127.0.0.1).
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      const own = await get(
        port,
        '/chat/session',
        { host: `127.0.0.1:${port}`, origin, 'content-type': 'application/json' },
        'POST',
        '{}',
      );
      expect(own.status).toBe(200);
    }
  });
});

describe('with PUBLIC_URL', () => {
  let env: TestEnv;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    env = await createTestEnv(
      {},
      { WIDGET_SECRET: randomBytes(32).toString('base64url'), PUBLIC_URL: 'https://focus.example.com' },
    );
    ({ server, port } = await listen(env));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await env?.close();
  });

  it('uses PUBLIC_URL for the metadata and the demo page', async () => {
    const metadata = await get(port, '/.well-known/oauth-protected-resource/mcp', { host: 'evil.example' });
    expect(JSON.parse(metadata.text)).toMatchObject({ resource: 'https://focus.example.com/mcp' });
    const page = await get(port, '/', { host: 'evil.example' });
    expect(page.text).toContain('<script src="https://focus.example.com/widget.js" defer></script>');
  });
});
