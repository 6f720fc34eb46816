// The official MCP conformance suite's `authorization` mode (authorization-server scenarios, in
// @modelcontextprotocol/conformance since 0.2.0-alpha.7) against the built-in authorization server. The suite
// acts as a public PKCE client whose redirect URI is its own callback server; it prints the authorization URL
// and waits for "a person" to sign in. Here that person is played with fetch (the same browser as
// scripts/mcp-oauth-transcript.ts): it asks for a one-time code, reads it from the web inbox and allows both
// scopes, and the browser's last redirect lands on the suite's callback. The suite then redeems the code itself.
// Usage: tsx scripts/mcp-authorization-conformance.ts BASE_URL EMAIL INBOX_TOKEN CONFORMANCE_PKG NODE22_PKG
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createFetchBrowser } from '../test/support/oauth-client.js';

const [base = '', email = '', inboxToken = '', conformancePkg = '', nodePkg = ''] = process.argv.slice(2);
if (!base || !email || !inboxToken || !conformancePkg || !nodePkg) {
  console.error(
    'usage: tsx scripts/mcp-authorization-conformance.ts BASE_URL EMAIL INBOX_TOKEN CONFORMANCE_PKG NODE22_PKG',
  );
  process.exit(2);
}
const say = (text: string) => console.error(`[authorization] ${text}`);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

// The suite's client must be registered with its callback as redirect URI; dynamic registration does that.
const callbackPort = await freePort();
const registered = await fetch(`${base}/oauth/register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    client_name: 'MCP conformance suite',
    redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }),
});
if (registered.status !== 201) throw new Error(`registration answered ${registered.status}`);
const { client_id: clientId } = (await registered.json()) as { client_id: string };
say(`registered the suite's client ${clientId} (redirect http://127.0.0.1:${callbackPort}/callback)`);

const suite = spawn(
  'npx',
  [
    '--yes',
    '-p',
    nodePkg,
    '-p',
    conformancePkg,
    '--',
    'conformance',
    'authorization',
    '--url',
    base,
    '--client-id',
    clientId,
    '--resource',
    `${base}/mcp`,
    '--port',
    String(callbackPort),
  ],
  // Its own process group, so that if the sign-in fails the suite (npx, node and its callback server, which would
  // wait 5 minutes) is ended with us.
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let running = true;
const exited = new Promise<number>((resolve) =>
  suite.on('close', (code) => {
    running = false;
    resolve(code ?? 1);
  }),
);
process.on('exit', () => {
  try {
    if (running && suite.pid) process.kill(-suite.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));
suite.stderr.on('data', (chunk: Buffer) => {
  const lines = chunk
    .toString()
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'));
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
});

// The suite prints the URL "to open in a browser" on a line of its own.
const authorizationUrl = await new Promise<string>((resolve, reject) => {
  let seen = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    seen += text;
    const url = seen.split('\n').find((line) => line.startsWith(`${base}/oauth/authorize?`));
    if (url) {
      suite.stdout.off('data', onData);
      suite.stdout.on('data', (more: Buffer) => process.stdout.write(more));
      resolve(url.trim());
    }
  };
  suite.stdout.on('data', onData);
  void exited.then((code) => reject(new Error(`the suite exited (${code}) before asking for a sign-in`)));
});

const browser = createFetchBrowser((line) => say(`browser: ${line}`));
const page = await browser.visit(authorizationUrl, base);
if (page.left) throw new Error(`the authorization request was refused: ${page.left}`);
await browser.submit(`${page.url}/code`, base, [['who', email]]);
const inbox = (await (
  await fetch(`${base}/api/v1/inbox?limit=5`, { headers: { authorization: `Bearer ${inboxToken}` } })
).json()) as { items: { kind: string; text: string }[] };
const code = inbox.items.find((i) => i.kind === 'sign_in_code')?.text.match(/\b\d{6}\b/)?.[0];
if (!code) throw new Error('no sign-in code arrived in the inbox');
const done = await browser.submit(`${page.url}/approve`, base, [
  ['code', code],
  ['action', 'allow'],
  ['scope', 'focusforge:read'],
  ['scope', 'focusforge:write'],
]);
if (!done.left) throw new Error('the consent page did not send the browser back to the suite');
say(`signed in with the code from the inbox; back to ${new URL(done.left).origin}/callback`);
// The suite may still be opening its callback server; the browser tries again like a person reloading.
for (let attempt = 1; ; attempt++) {
  try {
    await fetch(done.left);
    break;
  } catch (error) {
    if (attempt === 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
process.exit(await exited);
