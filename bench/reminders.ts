// Reminder lateness with many scheduled reminders, delivery throughput, and BullMQ's own lateness as a baseline.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { attachLocalServices } from '../src/dev/local-services.js';
import { updateProfile } from '../src/domain/users/update-profile.js';
import { createUser } from '../src/domain/users/create-user.js';
import { bullConnection } from '../src/jobs/queues.js';
import { reminderKey } from '../src/jobs/reminder-times.js';
import { createDeps, type Deps } from '../src/main.js';
import { newId } from '../src/shared/ids.js';
import { percentile, report } from './support.js';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 120);
const BURST = Number(process.env.BENCH_BURST ?? 2_000);
const PER_USER = 50; // the highest daily nudge cap a person can choose

/** Seeds `count` open tasks with one reminder each, due across `windowMs` from `start`, for fresh users. */
const seed = async (deps: Deps, count: number, start: number, windowMs: number) => {
  const users: string[] = [];
  for (let u = 0; u < Math.ceil(count / PER_USER); u++) {
    const profile = await createUser(deps.domain, { name: `Bench ${u}` }, 'system');
    await updateProfile(deps.domain, { userId: profile.id, via: 'system' }, { quietHours: null, maxNudgesPerDay: PER_USER });
    users.push(profile.id);
  }
  const now = new Date();
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: newId('task'),
    userId: users[i % users.length]!,
    title: `Bench reminder ${i}`,
    status: 'todo',
    dueAt: new Date(start + Math.floor((i / count) * windowMs)),
    reminders: [0],
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  const tasks = deps.database.db.collection<(typeof docs)[number]>('tasks');
  for (let i = 0; i < docs.length; i += 1_000) await tasks.insertMany(docs.slice(i, i + 1_000));
  await deps.jobs.scheduler.planReminders(docs, new Date());
  return docs;
};

/** Waits until every key has an inbox message, then returns lateness (delivery minus due) in ms per reminder. */
const lateness = async (deps: Deps, docs: { _id: string; dueAt: Date }[], timeoutMs: number) => {
  const inbox = deps.database.db.collection<{ _id: string; createdAt: Date }>('inbox');
  const keys = docs.map((d) => `${reminderKey(d._id, d.dueAt.getTime(), 0)}:web`);
  const deadline = Date.now() + timeoutMs;
  // Poll gently: this loop shares the database with the workers it measures.
  const delivered = async () => (await inbox.find({ _id: { $in: keys } }, { projection: { _id: 1 } }).toArray()).length;
  while ((await delivered()) < keys.length && Date.now() < deadline) await sleep(3_000);
  const at = new Map((await inbox.find({ _id: { $in: keys } }).toArray()).map((m) => [m._id, m.createdAt.getTime()]));
  return docs.flatMap((d, i) => {
    const deliveredAt = at.get(keys[i]!);
    return deliveredAt === undefined ? [] : [deliveredAt - d.dueAt.getTime()];
  });
};

/** BullMQ alone: delayed no-op jobs, measuring when the processor starts against when they were due. */
const bullBaseline = async (redisUrl: string, count: number, windowMs: number) => {
  const connection = bullConnection(redisUrl);
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const queue = new Queue('baseline', { connection, prefix });
  const late: number[] = [];
  const worker = new Worker('baseline', async (job) => void late.push(Date.now() - job.data.due), { connection, prefix, concurrency: 20 });
  const start = Date.now() + 5_000;
  const jobs = Array.from({ length: count }, (_, i) => {
    const due = start + Math.floor((i / count) * windowMs);
    return { name: 'noop', data: { due }, opts: { delay: due - Date.now(), removeOnComplete: true } };
  });
  for (let i = 0; i < jobs.length; i += 1_000) await queue.addBulk(jobs.slice(i, i + 1_000));
  while (late.length < count && Date.now() < start + windowMs + 60_000) await sleep(200);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return late;
};

export const run = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-reminders-'));
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const local = await attachLocalServices({ ...base, dataDir, mongodbUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    MONGODB_URI: local.mongodbUri,
    REDIS_URL: local.redisUrl,
    MONGODB_DB: `bench_${randomBytes(4).toString('hex')}`,
    JOBS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    JOBS_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '20',
  });
  const deps = await createDeps(config);
  try {
    await deps.jobs.start();

    // Steady load: REMINDERS spread over WINDOW_S seconds, starting once seeding is surely over.
    const start = Date.now() + 30_000 + REMINDERS * 2;
    const steady = await seed(deps, REMINDERS, start, WINDOW_S * 1000);
    const steadyLate = await lateness(deps, steady, WINDOW_S * 1000 + (start - Date.now()) + 300_000);

    // Burst: BURST reminders all due at the same moment; throughput is how fast they drain.
    const burstAt = Date.now() + 20_000 + BURST * 2;
    const burst = await seed(deps, BURST, burstAt, 1);
    const burstLate = await lateness(deps, burst, 600_000 + (burstAt - Date.now()));
    const drainS = Math.max(...burstLate) / 1000;

    const baseline = await bullBaseline(local.redisUrl, REMINDERS, WINDOW_S * 1000);

    await report('reminders', {
      reminders_scheduled: REMINDERS,
      window_s: WINDOW_S,
      reminders_delivered: steadyLate.length,
      lateness_p50_ms: percentile(steadyLate, 50),
      lateness_p99_ms: percentile(steadyLate, 99),
      lateness_max_ms: Math.max(...steadyLate),
      burst_reminders: BURST,
      burst_delivered: burstLate.length,
      burst_throughput_per_s: burstLate.length / drainS,
      baseline_bullmq_lateness_p50_ms: percentile(baseline, 50),
      baseline_bullmq_lateness_p99_ms: percentile(baseline, 99),
    });
  } finally {
    await deps.close();
    await local.release();
    await rm(dataDir, { recursive: true, force: true });
  }
};
