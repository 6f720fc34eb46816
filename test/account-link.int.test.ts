import { randomBytes } from 'node:crypto';
import { BSON } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeAccountMerges } from '../src/domain/account/index.js';
import { logMood } from '../src/domain/mood/log-mood.js';
import { createTestEnv, type TestEnv, type TestUser } from './support/test-env.js';

// Issue 22, one identity: "link CODE" said in web chat (or sent to the API) makes the code's owner and the sayer
// one person. The visitor's data moves into the owner's account, nothing is lost, and nothing of the old account
// id is left but one audit tombstone. Real app, FerretDB, Redis, offline planner.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({}, { CHAT_RATE_LIMIT_MESSAGES: '50' });
}, 60_000);
afterAll(async () => {
  await env?.close();
});

const post = (path: string, body: unknown, token?: string) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

type Chunk = { type: string; delta?: string; data?: unknown; errorText?: string };

/** An anonymous web visitor; `say` returns the reply's text and its data parts. */
const newVisitor = async () => {
  const session = (await (await post('/chat/session', { timezone: 'UTC' })).json()) as { token: string };
  const uidOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string }).uid;
  const visitor = { token: session.token, userId: uidOf(session.token) };
  const say = async (text: string, token = visitor.token) => {
    const res = await post(
      '/chat/messages',
      { messageId: `m-${randomBytes(4).toString('hex')}`, message: { text } },
      token,
    );
    const body = await res.text();
    const chunks = body
      .split('\n\n')
      .map((block) => block.replace(/^data: /, ''))
      .filter((d) => d.startsWith('{'))
      .map((d) => JSON.parse(d) as Chunk);
    return {
      status: res.status,
      raw: body,
      text: chunks
        .filter((c) => c.type === 'text-delta')
        .map((c) => c.delta)
        .join(''),
      data: chunks.filter((c) => c.type.startsWith('data-')),
    };
  };
  return { ...visitor, say, uidOf };
};

/** Every document in the database as EJSON text, by collection. */
const everyDocument = async () => {
  const db = env.database.db;
  const all: { collection: string; text: string }[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
    for (const doc of await db.collection(name).find().toArray())
      all.push({ collection: name, text: BSON.EJSON.stringify(doc) });
  return all;
};

const linkCodeOf = async (user: TestUser) => {
  const res = await env.call(user, 'POST', '/api/v1/me/link-codes');
  expect(res.status).toBe(201);
  return res.body.code as string;
};

describe('link CODE in web chat', () => {
  it('merges an anonymous visitor (tasks, mood, memory, points) into the account that made the code', async () => {
    const ada = await env.newUser('Ada');
    await env.call(ada, 'POST', '/api/v1/tasks', { title: 'Ada: pay rent' });
    await env.domain.ledger.award(ada.userId, { key: 'gift:ada', reason: 'task_completed', points: 10 });

    const visitor = await newVisitor();
    expect((await visitor.say('remind me to call mom tomorrow at 5pm')).status).toBe(200);
    await logMood(env.domain, { userId: visitor.userId, via: 'chat' }, { mood: 2, energy: 2, note: 'tired' });
    await env.memory.remember(
      { userId: visitor.userId, via: 'chat' },
      { text: 'Works best with music on', kind: 'what_helped' },
    );
    await env.domain.ledger.award(visitor.userId, { key: 'gift:v', reason: 'task_completed', points: 30 });
    const visitorTasks = await env.database.db.collection('tasks').countDocuments({ userId: visitor.userId });
    expect(visitorTasks).toBe(1);

    const code = await linkCodeOf(ada);
    const reply = await visitor.say(`link ${code}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/Linked!/);
    const session = reply.data.find((d) => d.type === 'data-session')?.data as { token: string } | undefined;
    expect(session, reply.raw).toBeDefined();
    expect(visitor.uidOf(session!.token)).toBe(ada.userId);

    const tasks = await env.call(ada, 'GET', '/api/v1/tasks');
    expect(tasks.body.items.map((t: { title: string }) => t.title).sort()).toEqual([
      'Ada: pay rent',
      'Call mom',
    ]);
    const moods = await env.call(ada, 'GET', '/api/v1/mood');
    expect(JSON.stringify(moods.body)).toContain('tired');
    const memories = await env.memory.list(ada.userId);
    expect(JSON.stringify(memories)).toContain('Works best with music on');
    const recalled = await env.memory.recall(ada.userId, { query: 'music', limit: 5 });
    expect(JSON.stringify(recalled)).toContain('music');
    expect((await env.call(ada, 'GET', '/api/v1/points')).body.balance).toBe(40);

    expect(await env.domain.users.get(visitor.userId)).toBeNull();
    const left = (await everyDocument()).filter((d) => d.text.includes(visitor.userId));
    expect(left.map((d) => `${d.collection}: ${d.text}`)).toHaveLength(1);
    expect(left[0]!.text).toContain('account.merged');

    // The widget goes on as Ada, and a browser that missed the new token is Ada again on its next visit.
    const next = await visitor.say('what are my tasks', session!.token);
    expect(JSON.stringify(next.data)).toMatch(/pay rent/i);
    expect(JSON.stringify(next.data)).toMatch(/call mom/i);
    const again = (await (await post('/chat/session', { token: visitor.token })).json()) as { token: string };
    expect(visitor.uidOf(again.token)).toBe(ada.userId);
  });

  it('a wrong code says so kindly and changes nothing; many tries are refused for a while', async () => {
    const visitor = await newVisitor();
    await visitor.say('remind me to water the plants tomorrow');
    const reply = await visitor.say('link ZZZZ2222');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/didn't work/);
    expect(reply.data.some((d) => d.type === 'data-session')).toBe(false);
    expect(await env.domain.users.get(visitor.userId)).not.toBeNull();
    expect(await env.database.db.collection('tasks').countDocuments({ userId: visitor.userId })).toBe(1);
    let last = reply;
    for (let i = 0; i < 6; i++) last = await visitor.say(`link WRONG${i}22`);
    expect(last.text).toMatch(/too many|try again in/i);
  });
});

describe('a merge interrupted midway', () => {
  it('is finished by the maintenance sweep, with every step run twice losing and doubling nothing', async () => {
    const ada = await env.newUser('Ada');
    await env.domain.ledger.award(ada.userId, { key: 'gift:ada2', reason: 'task_completed', points: 5 });
    const cy = await env.newUser('Cy');
    await env.call(cy, 'POST', '/api/v1/tasks', { title: 'Cy: return the drill' });
    await env.domain.ledger.award(cy.userId, { key: 'gift:cy', reason: 'task_completed', points: 7 });
    await env.memory.remember({ userId: cy.userId, via: 'chat' }, { text: 'Cy likes lists', kind: 'fact' });

    // The crash: the record was written and every part ran, but the old account was never removed.
    const startedAt = new Date(Date.now() - 3_600_000);
    await env.database.db
      .collection<{ _id: string }>('account_merges')
      .insertOne({ _id: cy.userId, into: ada.userId, via: 'api', startedAt } as never);
    for (const part of env.account.accountParts) await part.mergeInto(cy.userId, ada.userId);

    expect(await resumeAccountMerges(env.account)).toBe(1);
    expect(await resumeAccountMerges(env.account)).toBe(0);
    expect((await env.call(ada, 'GET', '/api/v1/points')).body.balance).toBe(12);
    const titles = (await env.call(ada, 'GET', '/api/v1/tasks')).body.items.map(
      (t: { title: string }) => t.title,
    );
    expect(titles).toContain('Cy: return the drill');
    expect(JSON.stringify(await env.memory.list(ada.userId))).toContain('Cy likes lists');
    expect(await env.domain.users.get(cy.userId)).toBeNull();
    const left = (await everyDocument()).filter((d) => d.text.includes(cy.userId));
    expect(left.map((d) => d.collection)).toEqual(['audit_log']);
  });
});

describe('POST /api/v1/me/link', () => {
  it('makes the caller and the code owner one account (the caller joins the owner)', async () => {
    const ada = await env.newUser('Ada');
    const bo = await env.newUser('Bo');
    await env.call(bo, 'POST', '/api/v1/tasks', { title: 'Bo: book flights' });
    const code = await linkCodeOf(ada);
    const linked = await env.call(bo, 'POST', '/api/v1/me/link', { code: code.toLowerCase() });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ userId: ada.userId, outcome: 'merged' });
    expect(linked.body.message).toMatch(/Linked!/);
    // Bo's token now acts as the one account.
    expect((await env.call(bo, 'GET', '/api/v1/me')).body.id).toBe(ada.userId);
    const titles = (await env.call(ada, 'GET', '/api/v1/tasks')).body.items.map(
      (t: { title: string }) => t.title,
    );
    expect(titles).toContain('Bo: book flights');

    const reused = await env.call(ada, 'POST', '/api/v1/me/link', { code });
    expect(reused.status).toBe(400);
    expect(reused.body.error.message).toMatch(/didn't work/);
    expect((await env.call(ada, 'POST', '/api/v1/me/link', { code: '' })).status).toBe(400);
  });
});

describe('API tokens from web chat', () => {
  it('"give me a token for Claude" makes a token that works, is never stored in clear, and can be listed and revoked', async () => {
    const visitor = await newVisitor();
    await visitor.say('remind me to stretch tomorrow');
    const made = await visitor.say('give me a token for Claude');
    expect(made.status).toBe(200);
    const token = /ff_[A-Za-z0-9_-]{43}/.exec(made.text)?.[0];
    expect(token, made.text).toBeDefined();
    expect(made.text).toMatch(/\/mcp/);
    expect(made.text).toMatch(/once/i);

    const me = await env.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token!}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(visitor.userId);

    // Not in the planner's checkpoints or turns, memory, or anywhere else in the database.
    const holding = (await everyDocument()).filter((d) => d.text.includes(token!));
    expect(holding.map((d) => d.collection)).toEqual([]);
    const history = await env.app.request('/chat/history', {
      headers: { authorization: `Bearer ${visitor.token}` },
    });
    expect(await history.text()).not.toContain(token!);

    const listed = await visitor.say('list my tokens');
    expect(listed.text).toMatch(/Claude/);
    expect(listed.text).not.toContain(token!);
    const revoked = await visitor.say('revoke the Claude token');
    expect(revoked.text).toMatch(/revoked/i);
    const after = await env.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token!}` } });
    expect(after.status).toBe(401);
  });
});

describe('calendar link from web chat', () => {
  it('"add my tasks to my calendar" makes a private ICS link that works, is never stored, and can be turned off', async () => {
    const visitor = await newVisitor();
    await visitor.say('dentist on friday at 3pm');
    const made = await visitor.say('add my tasks to my google calendar');
    expect(made.status).toBe(200);
    const url = /https?:\/\/\S+\/calendar\/ffcal_[A-Za-z0-9_-]{43}\.ics/.exec(made.text)?.[0];
    expect(url, made.text).toBeDefined();
    const path = new URL(url!).pathname;
    const feed = await env.app.request(path);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Dentist/i);

    // The link is a secret: no transcript, checkpoint or memory holds it.
    const secret = path.slice('/calendar/'.length, -'.ics'.length);
    expect((await everyDocument()).filter((d) => d.text.includes(secret)).map((d) => d.collection)).toEqual(
      [],
    );

    const off = await visitor.say('turn off my calendar link');
    expect(off.text).toMatch(/stops? working|turned off/i);
    expect((await env.app.request(path)).status).toBe(404);
    expect((await visitor.say('turn off my calendar link')).text).toMatch(/no calendar link/i);
  });
});
