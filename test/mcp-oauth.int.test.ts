import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Client,
  discoverAuthorizationServerMetadata,
  refreshAuthorization,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIdentity } from '../src/domain/identities/index.js';
import { tools } from '../src/tools/index.js';
import { listen, type Listening } from './support/browser.js';
import { createFetchBrowser, RecordingOAuthProvider } from './support/oauth-client.js';
import { runCli } from './support/spawn-cli.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

// A client's metadata document lives on its own https site; this one has a certificate only the server trusts.
const certDir = mkdtempSync(join(tmpdir(), 'ff-cimd-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
    '-keyout',
    join(certDir, 'key.pem'),
    '-out',
    join(certDir, 'cert.pem'),
  ],
  { stdio: 'ignore' },
);
const cert = readFileSync(join(certDir, 'cert.pem'));
const key = readFileSync(join(certDir, 'key.pem'));
const trustingAgent = new Agent({ connect: { ca: cert } });

const env = useTestEnv({
  oauthFetch: ((url: string, options: Record<string, unknown>) =>
    undiciFetch(url, { ...options, dispatcher: trustingAgent })) as never,
});
let server: Listening;
let other: Listening;
let cimdSite: Server;
let cimdUrl = '';
const REDIRECT = 'http://127.0.0.1:1/callback';
const SCOPES = ['focusforge:read', 'focusforge:write'];

beforeAll(async () => {
  server = await listen(env().app);
  // The same app on a second port: a different issuer and resource, sharing one database.
  other = await listen(env().app);
  cimdSite = createServer({ cert, key }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        client_id: cimdUrl,
        client_name: 'Metadata Document Client',
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      }),
    );
  });
  await new Promise<void>((resolve) => cimdSite.listen(0, '127.0.0.1', resolve));
  cimdUrl = `https://localhost:${(cimdSite.address() as AddressInfo).port}/oauth/client.json`;
});
afterAll(async () => {
  await server.close();
  await other.close();
  await new Promise<void>((resolve) => cimdSite.close(() => resolve()));
  await trustingAgent.close();
  rmSync(certDir, { recursive: true, force: true });
});

type Person = TestUser & { email: string };
const withEmail = async (name: string): Promise<Person> => {
  const user = await env().newUser(name);
  const email = `${name.toLowerCase()}-${user.userId}@example.com`;
  await addIdentity(env().domain, { userId: user.userId, via: 'cli' }, 'email', email);
  return { ...user, email };
};

/** The newest sign-in code in the person's web inbox (what the assistant shows them in chat). */
const codeFromInbox = async (userId: string) => {
  const item = (await env().inbox.list(userId)).find((i) => i.kind === 'sign_in_code');
  const code = item?.text.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error('no sign-in code in the inbox');
  return code;
};

/** Plays the person: opens the authorization URL, asks for a code, types it in, allows the given scopes. */
const approve = async (authorizationUrl: URL, person: Person, scopes = SCOPES, origin = server.url) => {
  const browser = createFetchBrowser();
  const page = await browser.visit(authorizationUrl.href, origin);
  expect(page.status).toBe(200);
  const sent = await browser.submit(`${page.url}/code`, origin, [['who', person.email]]);
  expect(sent.html).toContain('a 6-digit code is on its way');
  const done = await browser.submit(`${page.url}/approve`, origin, [
    ['code', await codeFromInbox(person.userId)],
    ['action', 'allow'],
    ...scopes.map((s): [string, string] => ['scope', s]),
  ]);
  if (!done.left) throw new Error(`consent did not redirect: ${done.html.slice(0, 400)}`);
  return { page, callback: new URL(done.left), browser };
};

/** Connects the real SDK client over OAuth: 401 -> discovery and registration -> browser -> finishAuth -> connect. */
const connectWithOAuth = async (provider: RecordingOAuthProvider, person: Person, scopes?: string[]) => {
  const url = new URL(`${server.url}/mcp`);
  const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
  await expect(new Client({ name: 'oauth-test', version: '1' }).connect(first)).rejects.toBeInstanceOf(
    UnauthorizedError,
  );
  const { page, callback } = await approve(provider.authorizationUrl!, person, scopes);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
  await first.finishAuth(callback.searchParams);
  const client = new Client({ name: 'oauth-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
  return { client, page, tokens: (await provider.tokens())! };
};

const newProvider = (clientName = 'Test Desktop', clientMetadataUrl?: string) =>
  new RecordingOAuthProvider({
    redirectUrl: REDIRECT,
    clientName,
    ...(clientMetadataUrl ? { clientMetadataUrl } : {}),
  });

/** A raw MCP POST with a bearer token, the way any HTTP client sends it. */
const mcpPost = (token: string, body: unknown, base = server.url) =>
  fetch(`${base}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify(body),
  });
const tokenRequest = (params: Record<string, string>) =>
  fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const callTool = (name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: { name, arguments: args },
});

describe('MCP OAuth: discovery and challenges', () => {
  it('names the authorization server in the protected-resource metadata, whose RFC 8414 metadata fits MCP', async () => {
    const prm = await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(prm).toMatchObject({
      resource: `${server.url}/mcp`,
      authorization_servers: [server.url],
      scopes_supported: SCOPES,
    });
    const as = await discoverAuthorizationServerMetadata(server.url);
    expect(as).toMatchObject({
      issuer: server.url,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      registration_endpoint: `${server.url}/oauth/register`,
      revocation_endpoint: `${server.url}/oauth/revoke`,
      client_id_metadata_document_supported: true,
    });
    expect(as?.scopes_supported).toEqual(expect.arrayContaining(SCOPES));
  });

  it('builds its metadata from its own address, never the Host header', async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`, {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('evil.example');
    expect(JSON.parse(text).issuer).toBe(server.url);
  });

  it('answers 401 without error="invalid_token" when no token was sent, and with it for a bad one', async () => {
    const bare = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(initialize),
    });
    expect(bare.status).toBe(401);
    const challenge = bare.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain(`resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp"`);
    expect(challenge).not.toContain('error=');
    const wrong = await mcpPost('not-a-real-token', initialize);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('MCP OAuth: the full flow with the SDK client', () => {
  it('registers (DCR), signs in with a code from the web inbox, and uses the token on /mcp', async () => {
    const ada = await withEmail('Ada');
    const provider = newProvider();
    const { client, page } = await connectWithOAuth(provider, ada);
    expect(page.html).toContain('Test Desktop');
    expect(page.html).toContain('127.0.0.1:1');
    expect(page.html).toContain('focusforge:write');
    const auth = provider.authorizationUrl!;
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('resource')).toBe(`${server.url}/mcp`);
    expect((await client.listTools()).tools).toHaveLength(tools.length);
    const created = await client.callTool({ name: 'create_task', arguments: { title: 'Water the plants' } });
    expect(created.isError).toBeFalsy();
    const listed = await env().call(ada, 'GET', '/api/v1/tasks');
    expect(JSON.stringify(listed.body)).toContain('Water the plants');
    const connections = await env().call(ada, 'GET', '/api/v1/me/connections');
    expect(connections.body.items).toEqual([
      expect.objectContaining({ clientName: 'Test Desktop', redirectHost: '127.0.0.1:1', scopes: SCOPES }),
    ]);
    await client.close();
  });

  it('accepts a Client ID Metadata Document as the client id, without registering', async () => {
    const bo = await withEmail('Bo');
    const provider = newProvider('ignored: the document names the client', cimdUrl);
    const { client, page } = await connectWithOAuth(provider, bo);
    expect(provider.authorizationUrl!.searchParams.get('client_id')).toBe(cimdUrl);
    expect(page.html).toContain('Metadata Document Client');
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('refuses a PKCE-less authorization request', async () => {
    const provider = newProvider();
    await expect(
      new Client({ name: 'x', version: '1' }).connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { authProvider: provider }),
      ),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    const url = new URL(provider.authorizationUrl!);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.headers.get('location') ?? (await res.text())).toMatch(/invalid_request|code_challenge/);
  });

  it('rotates refresh tokens: the new pair works, the spent refresh token does not', async () => {
    const cy = await withEmail('Cy');
    const provider = newProvider();
    const { client, tokens } = await connectWithOAuth(provider, cy);
    await client.close();
    const metadata = await discoverAuthorizationServerMetadata(server.url);
    const clientInformation = (await provider.clientInformation())!;
    const fresh = await refreshAuthorization(server.url, {
      metadata,
      clientInformation,
      refreshToken: tokens.refresh_token!,
      resource: `${server.url}/mcp`,
    });
    expect(fresh.refresh_token).toBeDefined();
    expect(fresh.refresh_token).not.toBe(tokens.refresh_token);
    expect(fresh.expires_in).toBeLessThanOrEqual(900);
    expect((await mcpPost(fresh.access_token, initialize)).status).toBe(200);
    const reused = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: clientInformation.client_id,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("revokes: a revoked token ends the grant's tokens (RFC 7009)", async () => {
    const di = await withEmail('Di');
    const provider = newProvider();
    const { client, tokens } = await connectWithOAuth(provider, di);
    await client.close();
    const clientId = (await provider.clientInformation())!.client_id;
    const revoked = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token, client_id: clientId }).toString(),
    });
    expect(revoked.status).toBe(200);
    const after = await mcpPost(tokens.access_token, initialize);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(400);
  });

  it('disconnecting an app (DELETE /api/v1/me/connections/{id}) ends its access and refresh tokens', async () => {
    const dot = await withEmail('Dot');
    const provider = newProvider('Disconnect Me');
    const { client, tokens } = await connectWithOAuth(provider, dot);
    await client.close();
    expect((await mcpPost(tokens.access_token, initialize)).status).toBe(200);
    const [connection] = (await env().call(dot, 'GET', '/api/v1/me/connections')).body.items;
    expect(connection).toMatchObject({ clientName: 'Disconnect Me' });
    const other = await env().newUser('Not Dot');
    expect((await env().call(other, 'DELETE', `/api/v1/me/connections/${connection.id}`)).status).toBe(404);
    expect((await env().call(dot, 'DELETE', `/api/v1/me/connections/${connection.id}`)).status).toBe(200);
    expect((await env().call(dot, 'GET', '/api/v1/me/connections')).body.items).toEqual([]);
    expect((await mcpPost(tokens.access_token, initialize)).status).toBe(401);
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: (await provider.clientInformation())!.client_id,
    });
    expect(refreshed.status).toBe(400);
  });

  it('lists and disconnects apps from the CLI', async () => {
    const ivy = await withEmail('Ivy');
    const { client, tokens } = await connectWithOAuth(newProvider('CLI Listed'), ivy);
    await client.close();
    const cliEnv = {
      MONGODB_URI: env().config.mongodbUri!,
      REDIS_URL: env().config.redisUrl!,
      MONGODB_DB: env().config.mongodbDb,
      LOG_LEVEL: 'warn',
    };
    const listed = await runCli(['connections', 'list', '--user', ivy.userId], cliEnv);
    expect(listed.code).toBe(0);
    expect(listed.output).toContain('CLI Listed -> 127.0.0.1:1  [focusforge:read focusforge:write]');
    const id = listed.output.match(/^(\S+)\s+CLI Listed/m)?.[1];
    const revoked = await runCli(['connections', 'revoke', '--user', ivy.userId, '--id', id!], cliEnv);
    expect(revoked.code).toBe(0);
    expect(revoked.output).toContain('Disconnected CLI Listed');
    expect((await mcpPost(tokens.access_token, initialize)).status).toBe(401);
  });

  it("refuses a token issued for another server's /mcp (wrong audience)", async () => {
    const ed = await withEmail('Ed');
    const { client, tokens } = await connectWithOAuth(newProvider(), ed);
    await client.close();
    expect((await mcpPost(tokens.access_token, initialize)).status).toBe(200);
    const elsewhere = await mcpPost(tokens.access_token, initialize, other.url);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('a read-only grant lists only read-only tools and gets 403 insufficient_scope on a write tool', async () => {
    const flo = await withEmail('Flo');
    const { client, tokens } = await connectWithOAuth(newProvider(), flo, ['focusforge:read']);
    expect(tokens.scope?.split(' ')).not.toContain('focusforge:write');
    const listed = (await client.listTools()).tools;
    const readOnly = tools.filter((t) => t.annotations.readOnlyHint === true).map((t) => t.name);
    expect(listed.map((t) => t.name).sort()).toEqual(readOnly.sort());
    expect(listed.length).toBeLessThan(tools.length);
    await client.close();
    const refused = await mcpPost(tokens.access_token, callTool('create_task', { title: 'Sneaky' }));
    expect(refused.status).toBe(403);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('focusforge:write');
    expect((await env().call(flo, 'GET', '/api/v1/tasks')).body.items ?? []).toEqual([]);
    const read = await mcpPost(tokens.access_token, callTool(readOnly[0]!, {}));
    expect(read.status).toBe(200);
  });

  it('keeps ff_ API tokens working on /mcp with every tool', async () => {
    const gus = await env().newUser('Gus');
    const client = new Client({ name: 'header', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${gus.token}` } },
      }),
    );
    expect((await client.listTools()).tools).toHaveLength(tools.length);
    await client.close();
  });
});

describe('MCP OAuth: the consent page', () => {
  it('accepts an ff_ API token instead of a code, and a wrong code five times kills the code', async () => {
    const hal = await withEmail('Hal');
    const provider = newProvider();
    await expect(
      new Client({ name: 'x', version: '1' }).connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { authProvider: provider }),
      ),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    const browser = createFetchBrowser();
    const page = await browser.visit(provider.authorizationUrl!.href, server.url);
    await browser.submit(`${page.url}/code`, server.url, [['who', hal.email]]);
    const code = await codeFromInbox(hal.userId);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const tried = await browser.submit(`${page.url}/approve`, server.url, [
        ['code', wrong],
        ['action', 'allow'],
        ['scope', 'focusforge:read'],
      ]);
      expect(tried.status).toBe(400);
    }
    const late = await browser.submit(`${page.url}/approve`, server.url, [
      ['code', code],
      ['action', 'allow'],
      ['scope', 'focusforge:read'],
    ]);
    expect(late.status).toBe(400);
    expect(late.html).toContain('did not work');
    const withToken = await browser.submit(`${page.url}/approve`, server.url, [
      ['code', hal.token],
      ['action', 'allow'],
      ['scope', 'focusforge:read'],
    ]);
    expect(withToken.left).toMatch(/^http:\/\/127\.0\.0\.1:1\/callback\?code=/);
  });

  it('says the same for an unknown address and sends nothing', async () => {
    const provider = newProvider();
    await expect(
      new Client({ name: 'x', version: '1' }).connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { authProvider: provider }),
      ),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    const browser = createFetchBrowser();
    const page = await browser.visit(provider.authorizationUrl!.href, server.url);
    const sent = await browser.submit(`${page.url}/code`, server.url, [['who', 'nobody@example.com']]);
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('If that address belongs to a FocusForge account');
  });

  it('rate-limits dynamic client registration per address', async () => {
    const register = () =>
      fetch(`${server.url}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_name: 'Spam',
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'none',
        }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await register()).status);
    expect(statuses).toContain(429);
  });
});
