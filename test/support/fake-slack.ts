import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call the fake received, its form/JSON arguments decoded (blocks and views parsed). */
export type SlackCall = { method: string; token: string | null; args: Record<string, unknown> };

export type ScriptedFailure = { status: 429; retryAfterSeconds: number } | { error: string };

export type FakeSlackUser = { id: string; tz: string; realName: string; deleted?: boolean };

/**
 * A local Slack Web API (`slackApiUrl` points the real WebClient here): records every call, answers like Slack,
 * and plays scripted failures (429 with Retry-After, `account_inactive`, ...) for the next calls of a method.
 * Also serves uploaded files under `/files/` (bot token required) and records posts to `/response/` URLs.
 */
export type FakeSlack = {
  apiUrl: string;
  origin: string;
  calls: SlackCall[];
  /** Calls of one method, oldest first. */
  callsOf: (method: string) => SlackCall[];
  users: Map<string, FakeSlackUser>;
  files: Map<string, { bytes: Buffer; mimetype: string }>;
  /** Every request for a file under `/files/`, with the bearer token it carried. */
  fileRequests: { path: string; token: string | null }[];
  /** Posts to response URLs (slash commands, interactivity), oldest first. */
  responses: { path: string; body: Record<string, unknown> }[];
  failNext: (method: string, failure: ScriptedFailure, times?: number) => void;
  /** Resolves once `count` calls of `method` have arrived (or rejects after `timeoutMs`). */
  waitFor: (method: string, count?: number, timeoutMs?: number) => Promise<SlackCall[]>;
  close: () => Promise<void>;
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const decodeArgs = (raw: string, contentType: string): Record<string, unknown> => {
  if (contentType.includes('json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = ['blocks', 'view', 'attachments'].includes(key) ? JSON.parse(value) : value;
  }
  return args;
};

export const startFakeSlack = async (options: { teamId?: string; botUserId?: string } = {}) => {
  const teamId = options.teamId ?? 'T0FAKE1';
  const botUserId = options.botUserId ?? 'U0BOT01';
  const calls: SlackCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const users = new Map<string, FakeSlackUser>();
  const files = new Map<string, { bytes: Buffer; mimetype: string }>();
  const fileRequests: FakeSlack['fileRequests'] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const waiters: { method: string; count: number; resolve: () => void }[] = [];
  let seq = 0;
  const nextTs = () => `${1_700_000_000 + ++seq}.${String(seq).padStart(6, '0')}`;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish':
        return { ok: true, view: { id: `V${++seq}` } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? '').replace(/^U/, '')}` } };
      case 'auth.test':
        return { ok: true, team_id: teamId, user_id: botUserId, bot_id: 'B0BOT01' };
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, tz: user.tz, real_name: user.realName, deleted: user.deleted ?? false },
        };
      }
      case 'oauth.v2.access':
        if (args.code !== 'good-code') return { ok: false, error: 'invalid_code' };
        return {
          ok: true,
          access_token: `xoxb-installed-${++seq}`,
          token_type: 'bot',
          scope: 'chat:write,im:history',
          bot_user_id: botUserId,
          app_id: 'A0APP01',
          team: { id: teamId, name: 'Fake Team' },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: 'U0INSTALLER' },
        };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake');
      const auth = req.headers.authorization ?? null;
      if (url.pathname.startsWith('/files/')) {
        fileRequests.push({ path: url.pathname, token: auth?.replace(/^Bearer /, '') ?? null });
        const file = files.get(url.pathname.slice('/files/'.length));
        if (!file || !auth?.startsWith('Bearer xoxb-')) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': file.mimetype }).end(file.bytes);
        return;
      }
      if (url.pathname.startsWith('/response/')) {
        responses.push({ path: url.pathname, body: JSON.parse(raw || '{}') as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const args = decodeArgs(raw, String(req.headers['content-type'] ?? ''));
      const token = auth?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : null);
      const scripted = failures.get(method)?.shift();
      if (scripted && 'status' in scripted) {
        res.writeHead(429, { 'retry-after': String(scripted.retryAfterSeconds) }).end();
        return;
      }
      calls.push({ method, token, args });
      for (const waiter of [...waiters]) {
        if (calls.filter((c) => c.method === waiter.method).length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      const body = scripted ? { ok: false, error: scripted.error } : answer(method, args);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callsOf = (method: string) => calls.filter((c) => c.method === method);

  const fake: FakeSlack = {
    apiUrl: `${origin}/api/`,
    origin,
    calls,
    callsOf,
    users,
    files,
    fileRequests,
    responses,
    failNext: (method, failure, times = 1) => {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    waitFor: (method, count = 1, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (callsOf(method).length >= count) {
          resolve(callsOf(method));
          return;
        }
        const timer = setTimeout(
          () =>
            reject(new Error(`fake Slack: ${method} x${count} did not arrive (${callsOf(method).length})`)),
          timeoutMs,
        );
        waiters.push({
          method,
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(callsOf(method));
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
};

/** The headers Slack sends: `v0=` HMAC-SHA256 of `v0:{ts}:{rawBody}` with the signing secret. */
export const signSlackRequest = (
  signingSecret: string,
  rawBody: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> => ({
  'x-slack-request-timestamp': String(timestampSeconds),
  'x-slack-signature': `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`,
});
