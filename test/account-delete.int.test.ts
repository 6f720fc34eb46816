import { readdir } from 'node:fs/promises';
import { BSON } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseAccount, resumeAccountDeletions, type AccountPart } from '../src/domain/account/index.js';
import { createJobsTestEnv } from './support/jobs-env.js';
import { deliverNotification } from '../src/domain/notifications/deliver-notification.js';
import { populatePerson } from './support/account-data.js';
import { runCli } from './support/spawn-cli.js';
import type { TestEnv, TestUser } from './support/test-env.js';

// Issue 22: DELETE /me leaves nothing of the person in any collection, any Redis key or any index file, and
// touches nobody else. Everything is made through the real API and use cases (FerretDB, Redis, offline planner).

let env: TestEnv;
beforeAll(async () => {
  env = await createJobsTestEnv();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

/** Every document in the database as EJSON text, by collection. */
const everyDocument = async () => {
  const db = env.database.db;
  const all: { collection: string; text: string; doc: BSON.Document }[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    for (const doc of await db.collection(name).find().toArray())
      all.push({ collection: name, text: BSON.EJSON.stringify(doc), doc });
  }
  return all;
};

/** Every key under this test's Redis prefix with its whole content, as text. */
const everyRedisKey = async () => {
  const redis = env.redis;
  const out: { key: string; text: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.config.jobs.prefix}:*`, 'COUNT', 1000);
    for (const key of keys) {
      const type = await redis.type(key);
      const content =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'zset'
            ? await redis.zrange(key, '0', '-1')
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'stream'
                  ? await redis.xrange(key, '-', '+')
                  : type === 'string'
                    ? await redis.get(key)
                    : null;
      out.push({ key, text: `${key} ${JSON.stringify(content)}` });
    }
    cursor = next;
  } while (cursor !== '0');
  return out;
};

const mentioning = <T extends { text: string }>(items: T[], userId: string) =>
  items.filter((i) => i.text.includes(userId));

describe('DELETE /api/v1/me', () => {
  let ada: TestUser;
  let bo: TestUser;
  beforeAll(async () => {
    ada = await populatePerson(env, 'Ada', '+15555550101');
    bo = await populatePerson(env, 'Bo', '+15555550102');
  }, 60_000);

  it('has data of the person in most collections and jobs in Redis to begin with', async () => {
    const docs = await everyDocument();
    const collections = new Set(mentioning(docs, ada.userId).map((d) => d.collection));
    for (const name of [
      'users',
      'identities',
      'api_tokens',
      'link_codes',
      'email_verifications',
      'email_bounces',
      'tasks',
      'mood_logs',
      'points_ledger',
      'profiles',
      'streak_states',
      'rewards',
      'redemptions',
      'focus_sessions',
      'notifications',
      'notification_claims',
      'inbox',
      'oauth_connections',
      'oauth_store',
      'calendar_feeds',
      'proof_images',
      'proof_image_data',
      'proof_image_usage',
      'llm_usage',
      'memories',
      'memory_vectors',
      'planner_turns',
      'planner_checkpoints',
      'inbound_events',
      'audit_log',
    ])
      expect(collections, name).toContain(name);
    expect(mentioning(await everyRedisKey(), ada.userId).length).toBeGreaterThan(3);
    expect((await readdir(env.config.memoryIndexDir)).some((f) => f.includes(ada.userId))).toBe(true);
  });

  it('asks first: a code and what would go; a wrong code or none deletes nothing', async () => {
    const asked = await env.call(ada, 'DELETE', '/api/v1/me');
    expect(asked.status).toBe(202);
    expect(asked.body.confirmation).toMatch(/^[A-Z0-9]{10}$/);
    expect(asked.body.willDelete).toMatchObject({ profile: 1, tasks: 4, memories: expect.any(Number) });
    expect(asked.body.willDelete.scheduled_jobs).toBeGreaterThanOrEqual(4);
    const wrong = await env.call(ada, 'DELETE', '/api/v1/me', { confirmation: 'WRONGWRONG' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/wrong or has expired/);
    expect((await env.call(ada, 'DELETE', '/api/v1/me', { nope: 1 })).status).toBe(400);
    expect((await env.call(ada, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await env.call(ada, 'GET', '/api/v1/tasks')).body.items.length).toBeGreaterThan(0);
  });

  it('with the code removes every document, job, Redis key and index file of the person, and only theirs', async () => {
    const before = await everyDocument();
    const bosBefore = mentioning(before, bo.userId)
      .map((d) => d.text)
      .sort();
    const bosKeysBefore = mentioning(await everyRedisKey(), bo.userId)
      .map((k) => k.key)
      .sort();

    const { confirmation } = (await env.call(ada, 'DELETE', '/api/v1/me')).body as { confirmation: string };
    const deleted = await env.call(ada, 'DELETE', '/api/v1/me', { confirmation: confirmation.toLowerCase() });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);

    const left = mentioning(await everyDocument(), ada.userId);
    expect(left.map((d) => `${d.collection}: ${d.text}`)).toHaveLength(1);
    expect(left[0]).toMatchObject({
      collection: 'audit_log',
      doc: { userId: ada.userId, action: 'account.delete', entity: 'user', meta: {} },
    });
    expect(mentioning(await everyRedisKey(), ada.userId).map((k) => k.text)).toEqual([]);
    for (const queue of Object.values(env.jobs.queues).filter((q) => typeof q !== 'function'))
      for (const job of await queue.getJobs())
        expect(JSON.stringify(job?.data ?? null)).not.toContain(ada.userId);
    expect((await readdir(env.config.memoryIndexDir)).filter((f) => f.includes(ada.userId))).toEqual([]);
    // Nothing of theirs is still reachable: the tokens are gone.
    expect((await env.call(ada, 'GET', '/api/v1/me')).status).toBe(401);

    // Bo: exactly as before, and still working.
    expect(
      mentioning(await everyDocument(), bo.userId)
        .map((d) => d.text)
        .sort(),
    ).toEqual(bosBefore);
    expect(
      mentioning(await everyRedisKey(), bo.userId)
        .map((k) => k.key)
        .sort(),
    ).toEqual(bosKeysBefore);
    expect((await env.call(bo, 'GET', '/api/v1/tasks')).body.items.length).toBeGreaterThan(0);
    const recall = await env.call(bo, 'POST', '/api/v1/memories/search', { query: 'timer' });
    expect(recall.body.memories.length).toBeGreaterThan(0);
  });

  it('a deletion that crashed midway is finished by the sweep (and the CLI path), leaving one tombstone', async () => {
    const cy = await populatePerson(env, 'Cy', '+15555550103');
    // The real parts, with a crash after the first third: the account is marked, part of it is gone.
    let calls = 0;
    const crashing: AccountPart[] = env.account.accountParts.map((part) => ({
      ...part,
      erase: async (userId) => {
        if (++calls === 10) throw new Error('power cut');
        await part.erase(userId);
      },
    }));
    await expect(
      eraseAccount({ ...env.account, accountParts: crashing }, { userId: cy.userId, via: 'api' }),
    ).rejects.toThrow('power cut');
    expect((await env.call(cy, 'GET', '/api/v1/me')).status).toBe(401);
    const marked = await env.domain.users.get(cy.userId);
    expect(marked?.deletingAt).toBeInstanceOf(Date);
    expect(mentioning(await everyDocument(), cy.userId).length).toBeGreaterThan(5);
    // Meanwhile a reminder that was already running delivers nothing to the account being deleted.
    const late = await deliverNotification(
      { ...env.domain, senders: env.channels.senders },
      {
        userId: cy.userId,
        occurrenceKey: `late:${cy.userId}`,
        message: { kind: 'reminder', title: 'Late', text: 'Late', taskId: null, actions: [], data: {} },
        channel: 'web',
      },
    );
    expect(late).toMatchObject({ outcome: 'dropped' });

    // Not yet: the sweep leaves deletions that may still be running alone for a while.
    expect(await resumeAccountDeletions(env.account)).toBe(0);
    const later = { now: () => new Date(Date.now() + 11 * 60_000) };
    expect(await resumeAccountDeletions({ ...env.account, clock: later })).toBe(1);
    const left = mentioning(await everyDocument(), cy.userId);
    expect(left.map((d) => d.collection)).toEqual(['audit_log']);
    expect(mentioning(await everyRedisKey(), cy.userId)).toEqual([]);
    // Running it again (the CLI on an account already gone) changes nothing and says so.
    expect(await eraseAccount(env.account, { userId: cy.userId, via: 'cli' })).toBe(false);
    expect(mentioning(await everyDocument(), cy.userId)).toHaveLength(1);
  }, 60_000);

  it('the operator can delete a person with `focusforge users delete --user … --yes`', async () => {
    const dee = await populatePerson(env, 'Dee', '+15555550104');
    const cliEnv = {
      MONGODB_URI: env.config.mongodbUri!,
      REDIS_URL: env.config.redisUrl!,
      MONGODB_DB: env.config.mongodbDb,
      JOBS_PREFIX: env.config.jobs.prefix,
      MEMORY_INDEX_DIR: env.config.memoryIndexDir,
      LOG_LEVEL: 'warn',
    };
    const unconfirmed = await runCli(['users', 'delete', '--user', dee.userId], cliEnv);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.output).toMatch(/add --yes/);
    expect((await env.call(dee, 'GET', '/api/v1/me')).status).toBe(200);

    const done = await runCli(['users', 'delete', '--user', dee.userId, '--yes'], cliEnv);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain(`Deleted user ${dee.userId}`);
    expect(mentioning(await everyDocument(), dee.userId).map((d) => d.collection)).toEqual(['audit_log']);
    expect(mentioning(await everyRedisKey(), dee.userId)).toEqual([]);
    expect((await readdir(env.config.memoryIndexDir)).filter((f) => f.includes(dee.userId))).toEqual([]);

    const again = await runCli(['users', 'delete', '--user', dee.userId, '--yes'], cliEnv);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/There is no user/);
  }, 90_000);
});
