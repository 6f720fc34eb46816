import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminRole } from '../src/domain/admin/index.js';
import { listen, type Listening } from './support/browser.js';
import { createFetchBrowser, RecordingOAuthProvider } from './support/oauth-client.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// An app connected through OAuth sign-in (Claude, ChatGPT…) acts as the person: when an admin disables them, its
// session on /mcp is refused too, with a message that says why (issue 22).

let env: TestEnv;
let server: Listening;
beforeAll(async () => {
  env = await createTestEnv();
  server = await listen(env.app);
});
afterAll(async () => {
  await server?.close();
  await env?.close();
});

const formAction = (html: string, pageUrl: string, ending: string) => {
  const action = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)]
    .map((m) => m[1]!)
    .find((a) => a.endsWith(ending));
  if (!action) throw new Error(`no form posting to …${ending}`);
  return new URL(action, pageUrl).href;
};

describe('a disabled person’s OAuth session', () => {
  it('works until an admin disables the person, is refused while disabled, and works again after', async () => {
    const admin = await env.newUser('Admin');
    await setAdminRole(
      env.domain,
      { userId: admin.userId, via: 'cli' },
      { userId: admin.userId, isAdmin: true },
    );
    const pat = await env.newUser('Pat');
    const provider = new RecordingOAuthProvider({
      redirectUrl: 'http://127.0.0.1:1/callback',
      clientName: 'Disabled Desktop',
    });
    const url = new URL(`${server.url}/mcp`);
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await expect(new Client({ name: 'd', version: '1' }).connect(first)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    const browser = createFetchBrowser();
    const page = await browser.visit(provider.authorizationUrl!.href, server.url);
    // The consent page accepts the person's own API token as proof of who they are.
    const done = await browser.submit(formAction(page.html, page.url, '/approve'), server.url, [
      ['code', pat.token],
      ['action', 'allow'],
      ['scope', 'focusforge:read'],
      ['scope', 'focusforge:write'],
    ]);
    if (!done.left) throw new Error(`consent did not redirect: ${done.html.slice(0, 300)}`);
    await first.finishAuth(new URL(done.left).searchParams);
    const accessToken = provider.tokens()?.access_token ?? '';
    expect(accessToken).not.toMatch(/^ff_/);

    const initialize = () =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'd', version: '1' },
          },
        }),
      });
    expect((await initialize()).status).toBe(200);

    expect((await env.call(admin, 'POST', `/api/v1/admin/users/${pat.userId}/disable`)).status).toBe(200);
    const refused = await initialize();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/disabled/);

    expect((await env.call(admin, 'POST', `/api/v1/admin/users/${pat.userId}/enable`)).status).toBe(200);
    const client = new Client({ name: 'd', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    expect((await client.callTool({ name: 'list_tasks', arguments: {} })).isError).toBeFalsy();
    await client.close();
  });
});
