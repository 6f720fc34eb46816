import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// Crisis language in the web chat, in basic mode and with a model: a caring reply with crisis lines for the person's
// country, nothing done (no task, mood, points or tool), an audit entry without the words, and no model call.

let server: ScriptedOpenAiServer;
let offline: TestEnv;
let withModel: TestEnv;

beforeAll(async () => {
  server = await startScriptedOpenAiServer();
  [offline, withModel] = await Promise.all([
    createTestEnv(),
    createTestEnv(
      {},
      {
        LLM_BASE_URL: server.baseUrl,
        LLM_MODEL: 'scripted-model',
        LLM_TIMEOUT_MS: '5000',
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_MODEL: 'scripted-embeddings',
      },
    ),
  ]);
});
afterEach(() => server.reset());
afterAll(async () => {
  await Promise.all([offline?.close(), withModel?.close()]);
  await server?.close();
});

type Chunk = { type: string; [key: string]: unknown };

/** A web chat person in a time zone: their token and user id. */
const person = async (env: TestEnv, timezone: string) => {
  const res = await env.app.request('/chat/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timezone }),
  });
  const { token } = (await res.json()) as { token: string };
  const userId = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string })
    .uid;
  return { token, userId };
};

let counter = 0;
/** Sends one message and reads the whole stream; the reply's text and whether it ended with [DONE]. */
const say = async (env: TestEnv, token: string, text: string) => {
  const res = await env.app.request('/chat/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId: `crisis-${++counter}`, message: { text } }),
  });
  const data = (await res.text())
    .split('\n\n')
    .filter(Boolean)
    .map((b) => b.replace(/^data: /, ''));
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
  const reply = chunks
    .filter((c) => c.type === 'text-delta')
    .map((c) => c.delta)
    .join('');
  await env.conversations.idle();
  return { reply, done: data.at(-1) === '[DONE]', chunks };
};

/** Everything a turn could have done for the person besides talking. */
const effects = async (env: TestEnv, userId: string) => {
  const db = env.database.db;
  const [tasks, moods, points, memories] = await Promise.all([
    db.collection('tasks').countDocuments({ userId }),
    db.collection('mood_logs').countDocuments({ userId }),
    db.collection('points_ledger').countDocuments({ userId }),
    db.collection('memories').countDocuments({ userId, tier: { $ne: 'short_term' } }),
  ]);
  return { tasks, moods, points, memories };
};

const nothingDone = { tasks: 0, moods: 0, points: 0, memories: 0 };

describe('crisis language gets crisis lines, not a task', () => {
  it('basic mode: a US person gets 988, nothing is created, and the audit says what without the words', async () => {
    const { token, userId } = await person(offline, 'America/Chicago');
    const text = 'honestly I don’t want to be here anymore';
    const { reply, done, chunks } = await say(offline, token, text);
    expect(done).toBe(true);
    expect(reply).toMatch(/988/);
    expect(reply).toMatch(/findahelpline\.com/);
    expect(reply).not.toMatch(/116 123/); // the person's country is known
    expect(reply).toMatch(/sorry/i);
    expect(reply).not.toMatch(/Try: "remind me|points|basic mode/i);
    expect(chunks.filter((c) => c.type.startsWith('data-') && !c.transient)).toEqual([]);
    expect(await effects(offline, userId)).toEqual(nothingDone);

    const audit = await offline.domain.audit.list(userId);
    const entry = audit.find((e) => e.action === 'crisis_support_shown');
    expect(entry).toMatchObject({
      via: 'chat',
      entity: 'conversation',
      meta: { signal: 'suicidal', region: 'US', channel: 'web' },
    });
    expect(JSON.stringify(entry)).not.toMatch(/want to be here/i);
    // The short-term memory (read into later prompts) keeps a note of what happened, not the words.
    const turns = await offline.database.db
      .collection('memories')
      .find({ userId, tier: 'short_term' })
      .toArray();
    expect(turns.length).toBeGreaterThan(0);
    expect(JSON.stringify(turns)).not.toMatch(/want to be here/i);
  });

  it('basic mode: someone whose country is unknown gets the generic line plus the US and UK lines', async () => {
    const { token, userId } = await person(offline, 'UTC');
    for (const text of [
      'i wanna kill myself',
      'everyone would be better off without me',
      'I might hurt myself',
    ]) {
      const { reply } = await say(offline, token, text);
      expect(reply).toMatch(/findahelpline\.com[\s\S]*988[\s\S]*116 123/);
    }
    expect(await effects(offline, userId)).toEqual(nothingDone);
    const signals = (await offline.domain.audit.list(userId))
      .filter((e) => e.action === 'crisis_support_shown')
      .map((e) => e.meta.signal);
    expect(signals.sort()).toEqual(['hopeless', 'self_harm', 'suicidal']);
  });

  it('an everyday idiom is an ordinary message', async () => {
    const { token, userId } = await person(offline, 'Europe/London');
    const { reply } = await say(offline, token, 'add task: finish the report, it is killing me');
    expect(reply).not.toMatch(/116 123|988/);
    expect((await effects(offline, userId)).tasks).toBe(1);
    expect(
      (await offline.domain.audit.list(userId)).filter((e) => e.action === 'crisis_support_shown'),
    ).toEqual([]);
  });

  it('with a model: the model never sees the message, and the next turn stays gentle without it', async () => {
    const { token, userId } = await person(withModel, 'Europe/Dublin');
    const text = "I can't go on, I want to end my life";
    const { reply } = await say(withModel, token, text);
    expect(reply).toMatch(/Ireland: Samaritans, free on 116 123/);
    expect(server.chatRequests()).toHaveLength(0);
    expect(server.requests).toHaveLength(0); // no embeddings either
    expect(await effects(withModel, userId)).toEqual(nothingDone);
    expect(
      (await withModel.domain.audit.list(userId)).filter((e) => e.action === 'crisis_support_shown'),
    ).toHaveLength(1);

    // The next message goes to the model; the earlier one is there only as a note of what happened.
    server.enqueue({ kind: 'text', content: "I'm here. Take all the time you need." });
    const next = await say(withModel, token, 'thank you');
    expect(next.reply).toBe("I'm here. Take all the time you need.");
    const prompt = JSON.stringify(server.chatRequests()[0]!.messages);
    expect(prompt).not.toContain('end my life');
    expect(prompt).not.toContain("can't go on");
    expect(prompt).toMatch(/crisis lines/i);
    // Nothing sent anywhere (chat or embeddings) carries the words.
    expect(server.requests.length).toBeGreaterThan(1);
    expect(JSON.stringify(server.requests)).not.toContain('end my life');
  });
});
