import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIdentity } from '../src/domain/identities/index.js';
import { tools } from '../src/tools/index.js';
import { listen, type Listening } from './support/browser.js';
import { createFetchBrowser, RecordingOAuthProvider } from './support/oauth-client.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const env = useTestEnv();
let server: Listening;
const REDIRECT = 'http://127.0.0.1:1/callback';

beforeAll(async () => {
  server = await listen(env().app);
});
afterAll(async () => {
  await server.close();
});

const withEmail = async (name: string, email: string): Promise<TestUser> => {
  const user = await env().newUser(name);
  await addIdentity(env().domain, { userId: user.userId, via: 'cli' }, 'email', email);
  return user;
};

/** The newest sign-in code in the person's web inbox (what the assistant shows them in chat). */
const codeFromInbox = async (userId: string) => {
  const item = (await env().inbox.list(userId)).find((i) => i.kind === 'sign_in_code');
  const code = item?.text.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error('no sign-in code in the inbox');
  return code;
};

/** Plays the person: opens the authorization URL, asks for a code, types it in, allows the given scopes. */
const approve = async (
  authorizationUrl: URL,
  person: { userId: string; email: string },
  scopes = ['focusforge:read', 'focusforge:write'],
) => {
  const browser = createFetchBrowser();
  const page = await browser.visit(authorizationUrl.href, server.url);
  expect(page.status).toBe(200);
  const action = (name: string) => `${page.url}/${name}`;
  const sent = await browser.submit(action('code'), server.url, [['who', person.email]]);
  expect(sent.html).toContain('a 6-digit code is on its way');
  const code = await codeFromInbox(person.userId);
  const done = await browser.submit(action('approve'), server.url, [
    ['code', code],
    ['action', 'allow'],
    ...scopes.map((s): [string, string] => ['scope', s]),
  ]);
  if (!done.left) throw new Error(`consent did not redirect: ${done.html.slice(0, 400)}`);
  return { page, callback: new URL(done.left) };
};

/** Connects the real SDK client over OAuth: first attempt 401 -> auth flow -> browser -> finishAuth -> connect. */
const connectWithOAuth = async (
  provider: RecordingOAuthProvider,
  person: { userId: string; email: string },
  scopes?: string[],
) => {
  const url = new URL(`${server.url}/mcp`);
  const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
  await expect(new Client({ name: 'oauth-test', version: '1' }).connect(first)).rejects.toBeInstanceOf(
    UnauthorizedError,
  );
  expect(provider.authorizationUrl).toBeDefined();
  const { page, callback } = await approve(provider.authorizationUrl!, person, scopes);
  expect(callback.origin + callback.pathname).toBe(REDIRECT);
  await first.finishAuth(callback.searchParams);
  const client = new Client({ name: 'oauth-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
  return { client, page };
};

describe('MCP OAuth sign-in (dynamic client registration)', () => {
  it('discovers, registers, signs in with a code from the web inbox, and uses the token on /mcp', async () => {
    const ada = await withEmail('Ada', 'ada@example.com');
    const provider = new RecordingOAuthProvider({ redirectUrl: REDIRECT, clientName: 'Test Desktop' });
    const { client, page } = await connectWithOAuth(provider, { ...ada, email: 'ada@example.com' });
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
    await client.close();
  });
});
