import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelAdapter, InboundJob } from '../src/channels/index.js';
import type { Reply } from '../src/planner/index.js';
import type { TestEnv, TestUser } from './support/test-env.js';
import { createJobsTestEnv, eventually } from './support/jobs-env.js';

// Two app instances over one database and one Redis: two nodes behind a load balancer, as in production.
let nodeA: TestEnv;
let nodeB: TestEnv;
type Sent = { node: string; job: InboundJob; reply: Reply };
const sent: Sent[] = [];

/** A channel of our own, as SMS or Slack would register it: it records what it sends instead of texting. */
const recordingChannel = (node: string): ChannelAdapter => ({
  channel: 'sms',
  budget: { maxChars: 320, maxListItems: 3 },
  deliverReply: async (job, reply) => {
    sent.push({ node, job, reply });
  },
});

beforeAll(async () => {
  nodeA = await createJobsTestEnv();
  nodeB = await createJobsTestEnv(
    {},
    { MONGODB_DB: nodeA.config.mongodbDb, JOBS_PREFIX: nodeA.config.jobs.prefix },
  );
  nodeA.channels.register(recordingChannel('A'));
  nodeB.channels.register(recordingChannel('B'));
  await Promise.all([nodeA.inbound.start(), nodeB.inbound.start()]);
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

const textMessage = (user: TestUser, messageId: string, text: string): InboundJob => ({
  userId: user.userId,
  channel: 'sms',
  threadId: 'sms-main',
  messageId,
  message: { text },
  replyTo: { to: '+15555550100', from: '+15555550199' },
  receivedAt: new Date().toISOString(),
});

const tasksOf = async (env: TestEnv, user: TestUser) =>
  (await env.call(user, 'GET', '/api/v1/tasks')).body.items as { title: string }[];

const sentFor = (messageId: string) => sent.filter((s) => s.job.messageId === messageId);

describe('the inbound queue', () => {
  it('runs one turn and sends one reply for a message enqueued twice, also after it was answered', async () => {
    const user = await nodeA.newUser('Sam');
    const job = textMessage(user, 'SM-sequential', 'add buy oat milk');
    expect(await nodeA.inbound.enqueue(job)).toBe('queued');
    expect(await nodeA.inbound.enqueue(job)).toBe('duplicate');
    const [delivery] = await eventually('the reply', async () =>
      sentFor('SM-sequential').length > 0 ? sentFor('SM-sequential') : null,
    );
    expect(delivery!.job.replyTo).toEqual({ to: '+15555550100', from: '+15555550199' });
    expect(delivery!.reply.text.toLowerCase()).toContain('oat milk');

    // A provider retrying the webhook a minute later, on the other node.
    expect(await nodeB.inbound.enqueue(job)).toBe('duplicate');
    await sleep(1_500);
    expect(sentFor('SM-sequential')).toHaveLength(1);
    expect((await tasksOf(nodeA, user)).filter((t) => /oat milk/i.test(t.title))).toHaveLength(1);
    const history = await nodeA.conversations.history(user.userId, 'sms', 'sms-main');
    expect(history.map((h) => h.role)).toEqual(['user', 'assistant']);
  });

  it('runs one turn for the same message arriving concurrently on two nodes', async () => {
    const user = await nodeA.newUser('Kim');
    const job = textMessage(user, 'SM-concurrent', 'add water the plants');
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? nodeA : nodeB).inbound.enqueue(job)),
    );
    expect(outcomes.filter((o) => o === 'queued')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    await eventually('the reply', async () => sentFor('SM-concurrent').length > 0);
    await sleep(1_500);
    expect(sentFor('SM-concurrent')).toHaveLength(1);
    expect((await tasksOf(nodeA, user)).filter((t) => /water the plants/i.test(t.title))).toHaveLength(1);
  });

  it('refuses a malformed job with a clear error and queues nothing', async () => {
    const user = await nodeA.newUser('Lee');
    const bad = { ...textMessage(user, 'SM-bad', 'hi'), threadId: 'has spaces and / slashes' };
    await expect(nodeA.inbound.enqueue(bad)).rejects.toThrow(/threadId/);
    expect(
      await nodeA.database.db.collection('inbound_events').countDocuments({ _id: 'sms:SM-bad' as never }),
    ).toBe(0);
  });
});

describe('a worker killed between the turn and its reply', () => {
  let env: TestEnv;
  const children: ReturnType<typeof spawn>[] = [];
  beforeAll(async () => {
    env = await createJobsTestEnv(); // its own queue: only the spawned nodes work on it
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await env?.close();
  });

  const startNode = (name: string, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/inbound-node.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MONGODB_URI: inject('mongodbUri'),
        REDIS_URL: inject('redisUrl'),
        MONGODB_DB: env.config.mongodbDb,
        MEMORY_INDEX_DIR: `${env.config.memoryIndexDir}-${name}`,
        JOBS_PREFIX: env.config.jobs.prefix,
        JOBS_LOCK_MS: '2000',
        LOG_LEVEL: 'error',
        INBOUND_NODE: name,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    children.push(child);
    return { child, output: () => output };
  };

  it('still sends the reply, once, from the next worker', { timeout: 120_000 }, async () => {
    const user = await env.newUser('Noor');
    const db = env.database.db;
    const first = startNode('first', { INBOUND_HANG_ON: 'SM-crash' });
    expect(await env.inbound.enqueue(textMessage(user, 'SM-crash', 'add call the dentist'))).toBe('queued');
    const reached = await eventually(
      'the first worker to finish the turn and start replying',
      () => db.collection('test_reached').findOne({ messageId: 'SM-crash' }),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(await db.collection('test_replies').countDocuments()).toBe(0); // nothing went out before the kill

    const second = startNode('second');
    const replied = await eventually(
      'the second worker to send the reply',
      () => db.collection('test_replies').findOne({ messageId: 'SM-crash' }),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.output()}`);
    });
    expect(replied.node).toBe('second');
    expect(replied.replyId).toBe(reached.replyId); // the stored reply, not a second turn
    await sleep(3_000); // anything stalled would be retried by now
    expect(await db.collection('test_replies').countDocuments({ messageId: 'SM-crash' })).toBe(1);
    expect((await tasksOf(env, user)).filter((t) => /dentist/i.test(t.title))).toHaveLength(1);
    second.child.kill('SIGTERM');
  });
});
