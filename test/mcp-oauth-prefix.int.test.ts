import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  discoverAuthorizationServerMetadata,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIdentity } from '../src/domain/identities/index.js';
import { listen, type Listening } from './support/browser.js';
import { createFetchBrowser, RecordingOAuthProvider } from './support/oauth-client.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// FocusForge behind a reverse proxy that serves it under a path: PUBLIC_URL=https://host/ff, the proxy strips
// /ff and forwards nothing else (not even /.well-known at the root), so every URL the server hands out must
// carry the prefix for a client to get anywhere.
let env: TestEnv;
let app: Listening;
let proxy: Server;
let base = '';
let origin = '';
let upstream: URL | undefined;

beforeAll(async () => {
  proxy = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!upstream || !path.startsWith('/ff/')) {
      res.writeHead(404).end();
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: path.slice('/ff'.length),
        method: req.method,
        headers: req.headers,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  base = `${origin}/ff`;
  env = await createTestEnv({}, { PUBLIC_URL: base });
  app = await listen(env.app);
  upstream = new URL(app.url);
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await env?.close();
});

/** The URL a form on the page posts to, as a browser resolves its action against the page's address. */
const formAction = (html: string, pageUrl: string, ending: string) => {
  const action = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)]
    .map((m) => m[1]!)
    .find((a) => a.endsWith(ending));
  if (!action) throw new Error(`no form posting to …${ending}`);
  return new URL(action, pageUrl).href;
};

describe('MCP OAuth under a path prefix (PUBLIC_URL=https://host/ff)', () => {
  it('names issuer, resource and every endpoint under the prefix', async () => {
    const bare = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{}',
    });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toContain(
      `resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
    );
    const prm = await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(prm).toMatchObject({ resource: `${base}/mcp`, authorization_servers: [base] });

    // What the SDK finds (it tries the RFC 8414 locations first; this proxy forwards only /ff/…)…
    expect((await discoverAuthorizationServerMetadata(base))?.issuer).toBe(base);
    // …is this document, every URL in it under the prefix.
    const as = await (await fetch(`${base}/.well-known/openid-configuration`)).json();
    expect(as).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      registration_endpoint: `${base}/oauth/register`,
      revocation_endpoint: `${base}/oauth/revoke`,
      jwks_uri: `${base}/oauth/jwks`,
    });
  });

  it('signs in through the prefix with the SDK client and a browser, and the token works on /mcp', async () => {
    const user = await env.newUser('Pat');
    const email = `pat-${user.userId}@example.com`;
    await addIdentity(env.domain, { userId: user.userId, via: 'cli' }, 'email', email);
    const provider = new RecordingOAuthProvider({
      redirectUrl: 'http://127.0.0.1:1/callback',
      clientName: 'Prefix Desktop',
    });
    const url = new URL(`${base}/mcp`);
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await expect(new Client({ name: 'prefix', version: '1' }).connect(first)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(provider.authorizationUrl?.href).toMatch(new RegExp(`^${base}/oauth/authorize\\?`));
    expect(provider.authorizationUrl?.searchParams.get('resource')).toBe(`${base}/mcp`);

    const browser = createFetchBrowser();
    const page = await browser.visit(provider.authorizationUrl!.href, origin);
    expect(page.status).toBe(200);
    expect(page.url.startsWith(`${base}/oauth/interaction/`)).toBe(true);
    const sent = await browser.submit(formAction(page.html, page.url, '/code'), origin, [['who', email]]);
    expect(sent.html).toContain('a 6-digit code is on its way');
    const code = (await env.inbox.list(user.userId))
      .find((i) => i.kind === 'sign_in_code')
      ?.text.match(/\b\d{6}\b/)?.[0];
    const done = await browser.submit(formAction(sent.html, page.url, '/approve'), origin, [
      ['code', code ?? ''],
      ['action', 'allow'],
      ['scope', 'focusforge:read'],
      ['scope', 'focusforge:write'],
    ]);
    if (!done.left) throw new Error(`consent did not redirect: ${done.html.slice(0, 300)}`);
    const callback = new URL(done.left);
    expect(callback.searchParams.get('iss')).toBe(base);
    await first.finishAuth(callback.searchParams);

    const client = new Client({ name: 'prefix', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    const created = await client.callTool({ name: 'create_task', arguments: { title: 'Behind the proxy' } });
    expect(created.isError).toBeFalsy();
    await client.close();
  });
});
