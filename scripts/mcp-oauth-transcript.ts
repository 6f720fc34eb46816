// A scripted run of "connect an OAuth-only MCP client using only a browser and the code the assistant sends":
// the MCP SDK client (no token configured) discovers and registers itself, the person's browser (played with
// fetch: redirects, cookies, forms) signs in with the one-time code that lands in their FocusForge inbox, and
// the client then uses its tools. Prints a transcript; secrets are shortened.
// Usage: tsx scripts/mcp-oauth-transcript.ts BASE_URL EMAIL INBOX_TOKEN [ACCESS_TOKEN_OUT_FILE]
// (INBOX_TOKEN only reads the inbox, standing in for the chat where the assistant shows the code.)
import { writeFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { createFetchBrowser, RecordingOAuthProvider } from '../test/support/oauth-client.js';

const [base, email, inboxToken, tokenOut] = process.argv.slice(2);
if (!base || !email || !inboxToken) {
  console.error(
    'usage: tsx scripts/mcp-oauth-transcript.ts BASE_URL EMAIL INBOX_TOKEN [ACCESS_TOKEN_OUT_FILE]',
  );
  process.exit(2);
}
const say = (who: string, text: string) => console.log(`[${who}] ${text}`);
const short = (secret: string) => `${secret.slice(0, 6)}… (${secret.length} chars)`;
const text = (html: string, pattern: RegExp) =>
  (html.match(pattern)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const mcpUrl = new URL(`${base}/mcp`);
const provider = new RecordingOAuthProvider({
  redirectUrl: 'http://127.0.0.1:8976/callback',
  clientName: 'Transcript Assistant App',
});

const bare = await fetch(mcpUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{}',
});
say(
  'client',
  `POST /mcp without credentials -> ${bare.status}; WWW-Authenticate: ${bare.headers.get('www-authenticate')}`,
);

const first = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
try {
  await new Client({ name: 'transcript', version: '1' }).connect(first);
  throw new Error('expected the server to ask for sign-in');
} catch (error) {
  if (!(error instanceof UnauthorizedError)) throw error;
}
const info = await provider.clientInformation();
say('client', `discovered the authorization server and registered: client_id ${info?.client_id}`);
const authorizationUrl = provider.authorizationUrl!;
say(
  'client',
  `opens the browser at ${authorizationUrl.origin}${authorizationUrl.pathname}?…` +
    ` (code_challenge_method=${authorizationUrl.searchParams.get('code_challenge_method')},` +
    ` resource=${authorizationUrl.searchParams.get('resource')}, scope=${authorizationUrl.searchParams.get('scope')})`,
);

const browser = createFetchBrowser((line) => say('browser', line));
const page = await browser.visit(authorizationUrl.href, base);
say('page', text(page.html, /<h1>([\s\S]*?)<\/h1>/));
say('page', text(page.html, /<p>\s*(After you allow it[\s\S]*?)<br/));
say(
  'page',
  `asks to: ${[...page.html.matchAll(/value="(focusforge:[a-z]+)"/g)].map((m) => m[1]).join(', ')}`,
);
say('person', `types ${email} and presses "Send me a code"`);
const sent = await browser.submit(`${page.url}/code`, base, [['who', email]]);
say('page', text(sent.html, /role="status">([\s\S]*?)<\/p>/));

const inbox = (await (
  await fetch(`${base}/api/v1/inbox?limit=5`, { headers: { authorization: `Bearer ${inboxToken}` } })
).json()) as { items: { kind: string; text: string }[] };
const message = inbox.items.find((i) => i.kind === 'sign_in_code');
if (!message) throw new Error('no sign-in code arrived in the inbox');
say('assistant (web inbox)', message.text);
const code = message.text.match(/\b\d{6}\b/)?.[0] ?? '';
say('person', `types the code ${code}, keeps both boxes ticked, presses "Allow"`);
const done = await browser.submit(`${page.url}/approve`, base, [
  ['code', code],
  ['action', 'allow'],
  ['scope', 'focusforge:read'],
  ['scope', 'focusforge:write'],
]);
if (!done.left) throw new Error('the consent page did not send the browser back to the app');
const callback = new URL(done.left);
say(
  'browser',
  `sent back to the app: ${callback.origin}${callback.pathname}?code=${short(callback.searchParams.get('code') ?? '')}&iss=${callback.searchParams.get('iss')}`,
);

await first.finishAuth(callback.searchParams);
const tokens = (await provider.tokens())!;
say(
  'client',
  `redeemed the code with its PKCE verifier: access token ${short(tokens.access_token)}, expires in ${tokens.expires_in}s, scope "${tokens.scope}", refresh token ${tokens.refresh_token ? 'issued' : 'none'}`,
);
if (tokenOut) writeFileSync(tokenOut, tokens.access_token, { mode: 0o600 });

const client = new Client({ name: 'transcript', version: '1' });
await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
const tools = (await client.listTools()).tools;
say(
  'client',
  `connected over MCP: ${tools.length} tools (${tools
    .slice(0, 5)
    .map((t) => t.name)
    .join(', ')}, …)`,
);
const created = await client.callTool({ name: 'create_task', arguments: { title: 'Book the dentist' } });
const reply = created.content as { type: string; text?: string }[];
say(
  'client',
  `create_task "Book the dentist" -> ${reply.find((c) => c.type === 'text')?.text?.split('\n')[0] ?? ''}`,
);
await client.close();
say('done', 'connected with only a browser and the code from the inbox');
