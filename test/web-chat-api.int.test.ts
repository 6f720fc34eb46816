import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorSignature, signOperatorJwt } from '../src/channels/web/index.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// The web chat over HTTP (app.request): sessions and identities, origin allowlist, tokens, the AI SDK UI message
// stream format, idempotent re-sends, history, rate limits and in-app notifications.

const SECRET = randomBytes(32).toString('base64url');
const SITE = 'https://shop.example.com';
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv(
    {},
    {
      WIDGET_SECRET: SECRET,
      CHAT_ALLOWED_ORIGINS: SITE,
      CHAT_RATE_LIMIT_MESSAGES: '6',
      JOBS_PREFIX: `chatapi${randomBytes(4).toString('hex')}`,
    },
  );
});
afterAll(async () => {
  await env?.close();
});

type Chunk = { type: string; [key: string]: unknown };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const session = async (body: unknown = {}, headers: Record<string, string> = {}) => {
  const res = await post('/chat/session', body, headers);
  return {
    status: res.status,
    body: (await res.json()) as {
      token: string;
      kind: string;
      isNew: boolean;
      error?: { code: string; message: string };
    },
  };
};

const uidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string }).uid;

/** The SSE data lines of a finished stream, parsed. */
const chunksOf = async (res: Response): Promise<{ chunks: Chunk[]; raw: string }> => {
  const raw = await res.text();
  const data = raw
    .split('\n\n')
    .filter(Boolean)
    .map((block) => block.replace(/^data: /, ''));
  expect(data.at(-1)).toBe('[DONE]');
  return { chunks: data.slice(0, -1).map((d) => JSON.parse(d) as Chunk), raw };
};

const say = (token: string, messageId: string, text: string) =>
  post('/chat/messages', { messageId, message: { text } }, { authorization: `Bearer ${token}` });

describe('web chat sessions', () => {
  it('gives a new browser an anonymous identity and keeps it on return', async () => {
    const first = await session({ timezone: 'Europe/Berlin' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'anonymous', isNew: true });
    const again = await session({ token: first.body.token });
    expect(again.body).toMatchObject({ kind: 'anonymous', isNew: false });
    expect(uidOf(again.body.token)).toBe(uidOf(first.body.token));
    const user = await env.domain.users.get(uidOf(first.body.token));
    expect(user).toMatchObject({ timezone: 'Europe/Berlin' });
    expect(await env.domain.identities.list(user!._id)).toEqual([
      expect.objectContaining({ channel: 'web', address: expect.stringMatching(/^anon-/) }),
    ]);
  });

  it('maps an operator-signed user (HMAC or JWT) to one FocusForge user and refuses bad signatures', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const hmac = await session({
      operator: { userId: 'customer-42', ts, signature: operatorSignature(SECRET, 'customer-42', ts) },
    });
    expect(hmac.body).toMatchObject({ kind: 'operator', isNew: true });
    const jwt = await session({
      operator: {
        jwt: signOperatorJwt(SECRET, { sub: 'customer-42', exp: Math.floor(Date.now() / 1000) + 60 }),
      },
    });
    expect(jwt.body).toMatchObject({ kind: 'operator', isNew: false });
    expect(uidOf(jwt.body.token)).toBe(uidOf(hmac.body.token));

    const forged = await session({
      operator: { userId: 'customer-43', ts, signature: operatorSignature(SECRET, 'customer-42', ts) },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toMatch(/signature/);
    const wrongKey = await session({
      operator: {
        jwt: signOperatorJwt('not-the-secret-not-the-secret-000', { sub: 'customer-42', exp: ts + 60 }),
      },
    });
    expect(wrongKey.status).toBe(401);
  });

  it('refuses pages from origins not on the allowlist, and answers CORS for allowed ones', async () => {
    const refused = await session({}, { origin: 'https://evil.example.net' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/CHAT_ALLOWED_ORIGINS/);

    const preflight = await env.app.request('/chat/messages', {
      method: 'OPTIONS',
      headers: {
        origin: SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const allowed = await post('/chat/session', {}, { origin: SITE });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
    // The server's own pages (the demo at /, on the listen address HOST/PORT) are always allowed.
    expect((await post('/chat/session', {}, { origin: 'http://localhost:3000' })).status).toBe(200);
  });

  it('refuses missing, forged and foreign tokens without touching anything', async () => {
    const good = (await session()).body.token;
    const [prefix, , signature] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        uid: 'usr_someone_else',
        adr: 'anon-aaaaaaaaaa',
        kind: 'anonymous',
        iat: 0,
        exp: 9e9,
      }),
    ).toString('base64url');
    for (const header of [
      {} as Record<string, string>,
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${prefix}.${forgedPayload}.${signature}` },
    ]) {
      const res = await post('/chat/messages', { messageId: 'm1', message: { text: 'hi' } }, header);
      expect(res.status).toBe(401);
      expect((await env.app.request('/chat/history', { headers: header })).status).toBe(401);
    }
    expect(await env.database.db.collection('tasks').countDocuments({ userId: 'usr_someone_else' })).toBe(0);
  });
});

describe('streamed messages', () => {
  let token = '';
  beforeAll(async () => {
    token = (await session()).body.token;
  });

  it('streams a reply in the AI SDK UI message stream v1 format and creates the task once, even when re-sent', async () => {
    const res = await say(token, 'msg-mom-1', 'remind me to call mom tomorrow at 5pm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const { chunks } = await chunksOf(res);
    expect(chunks[0]).toMatchObject({ type: 'start', messageId: expect.any(String) });
    expect(chunks.at(-1)).toEqual({ type: 'finish' });
    const textId = chunks.find((c) => c.type === 'text-start')?.id;
    const text = chunks
      .filter((c) => c.type === 'text-delta' && c.id === textId)
      .map((c) => c.delta)
      .join('');
    expect(text.length).toBeGreaterThan(0);
    expect(chunks.findIndex((c) => c.type === 'text-end')).toBeGreaterThan(
      chunks.findIndex((c) => c.type === 'text-start'),
    );
    for (const chunk of chunks.filter((c) => c.type.startsWith('data-') && !c.transient)) {
      expect(['data-task-list', 'data-choices', 'data-celebration']).toContain(chunk.type);
    }

    const userId = uidOf(token);
    const tasks = () =>
      env.database.db
        .collection('tasks')
        .find({ userId, title: /call mom/i })
        .toArray();
    expect(await tasks()).toHaveLength(1);

    const replay = await chunksOf(await say(token, 'msg-mom-1', 'remind me to call mom tomorrow at 5pm'));
    expect(replay.chunks[0]).toEqual(chunks[0]);
    expect(await tasks()).toHaveLength(1);
  });

  it('accepts the body useChat sends and returns history as UI messages', async () => {
    const res = await post(
      '/chat/messages',
      {
        id: 'widget',
        trigger: 'submit-message',
        messages: [{ id: 'ui-1', role: 'user', parts: [{ type: 'text', text: "what's on my list?" }] }],
      },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(200);
    expect((await chunksOf(res)).chunks.at(-1)).toEqual({ type: 'finish' });

    const history = await env.app.request('/chat/history', { headers: { authorization: `Bearer ${token}` } });
    expect(history.status).toBe(200);
    const body = (await history.json()) as {
      messages: { role: string; parts: { type: string; text?: string }[] }[];
    };
    const userTexts = body.messages
      .filter((m) => m.role === 'user')
      .map((m) => m.parts.map((p) => p.text).join(''));
    expect(userTexts).toEqual(['remind me to call mom tomorrow at 5pm', "what's on my list?"]);
    expect(body.messages.filter((m) => m.role === 'assistant')).toHaveLength(2);
  });

  it('refuses bad messages with a clear error', async () => {
    const empty = await say(token, 'msg-empty', '   ');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/Invalid request/);
    const badAction = await post(
      '/chat/messages',
      { messageId: 'x', message: { action: { type: 'delete_everything' } } },
      { authorization: `Bearer ${token}` },
    );
    expect(badAction.status).toBe(400);
    const notJson = await env.app.request('/chat/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('limits messages per person and says when to come back', async () => {
    const busy = (await session()).body.token;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await say(busy, `rate-${i}`, 'hello');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      } else await res.text();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.at(-1)).toBe(429);
    // Someone else is not affected.
    expect((await say((await session()).body.token, 'other-1', 'hello')).status).toBe(200);
  });
});

describe('basic mode over the web chat: feelings and chatter (issue 15)', () => {
  const streamedText = (chunks: Chunk[]) =>
    chunks
      .filter((c) => c.type === 'text-delta')
      .map((c) => String(c.delta))
      .join('');

  it('answers self-criticism and a goodnight with warmth, adding no task and no menu', async () => {
    const token = (await session()).body.token;
    const userId = uidOf(token);
    const hard = streamedText(
      (await chunksOf(await say(token, 'warm-1', "I failed again, I'm useless"))).chunks,
    );
    expect(hard).toMatch(/not useless/i);
    expect(hard).not.toMatch(/not sure what you mean|I can add tasks/i);
    const night = streamedText((await chunksOf(await say(token, 'warm-2', 'thanks, goodnight'))).chunks);
    expect(night).toMatch(/good night/i);
    expect(await env.database.db.collection('tasks').countDocuments({ userId })).toBe(0);
    const moods = await env.database.db.collection('mood_logs').find({ userId }).toArray();
    expect(moods.map((m) => m.note)).toEqual(["I failed again, I'm useless"]);
  });
});

describe('in-app notifications', () => {
  it('sends unread inbox items on connect, then pushes new reminders as they are delivered', async () => {
    const token = (await session()).body.token;
    const userId = uidOf(token);
    const message = (title: string) => ({
      kind: 'reminder' as const,
      title,
      text: `${title} now`,
      taskId: 'task_x',
      actions: [
        { id: 'done', label: 'Done' },
        { id: 'snooze_15', label: 'Snooze 15 min' },
      ],
      data: {},
    });
    await env.inbox.sender.send(
      { userId, name: 'Visitor', address: null },
      message('Water the plants'),
      `rem-${randomBytes(4).toString('hex')}`,
    );

    const controller = new AbortController();
    const res = await env.app.request('/chat/events', {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        received += value;
      }
    };
    await readUntil(/Water the plants/);
    const first = JSON.parse(/event: notification\nid: [^\n]+\ndata: (.+)\n/.exec(received)![1]!) as {
      choices: unknown[];
    };
    expect(first.choices).toEqual([
      { label: 'Done', action: { type: 'complete_task', taskId: 'task_x' } },
      { label: 'Snooze 15 min', action: { type: 'snooze_task', taskId: 'task_x', minutes: 15 } },
    ]);

    await env.inbox.sender.send(
      { userId, name: 'Visitor', address: null },
      message('Stretch'),
      `rem-${randomBytes(4).toString('hex')}`,
    );
    await readUntil(/Stretch/);
    await reader.cancel();
    controller.abort();
  });
});

describe('the widget and the demo page', () => {
  it('serves the embeddable script and a demo page that embeds it in one line', async () => {
    const script = await env.app.request('/widget.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toMatch(/attachShadow/);
    const page = await env.app.request('/');
    expect(page.status).toBe(200);
    // Without PUBLIC_URL the script URL is the configured listen address (HOST/PORT), never the request's Host.
    expect(await page.text()).toContain('<script src="http://127.0.0.1:3000/widget.js" defer></script>');
  });
});
