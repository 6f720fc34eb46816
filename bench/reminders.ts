// Reminder lateness with many scheduled reminders, delivery throughput in a burst, and BullMQ's own lateness as a
// baseline, all in one run against FerretDB + Redis, delivered by the real worker to the in-app inbox.
//   BENCH_REMINDERS (10000) reminders due evenly over BENCH_WINDOW_S (540 s: ~18.5 a second, the evening peak of a
//   few hundred thousand people with a handful of reminders each), then BENCH_BURST (2000) due at the same moment,
//   then BENCH_BURST one-off notifications queued at once, then BENCH_REMINDERS no-op BullMQ jobs over BENCH_BASELINE_WINDOW_S (60 s). The full run takes about 13 minutes
//   when delivery keeps up; BENCH_REMINDERS=3000 BENCH_WINDOW_S=162 BENCH_BURST=1000 BENCH_BASELINE_WINDOW_S=20
//   (the same density) about 6.
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
import { reminderKey } from '../src/domain/reminders/index.js';
import { createDeps, type Deps } from '../src/main.js';
import { newId } from '../src/shared/ids.js';
import { percentile, report } from './support.js';

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const REMINDERS = knob('BENCH_REMINDERS', 10_000);
const WINDOW_S = knob('BENCH_WINDOW_S', 540);
const BURST = knob('BENCH_BURST', 2_000);
const BASELINE_WINDOW_S = knob('BENCH_BASELINE_WINDOW_S', 60);
const PER_USER = 25; // half the highest daily nudge cap a person can choose (50)

/** Fresh people without quiet hours, each with room for PER_USER reminders under the nudge cap. */
const seedUsers = async (deps: Deps, count: number) => {
  const users: string[] = [];
  for (let u = 0; u < Math.ceil(count / PER_USER); u++) {
    const profile = await createUser(deps.domain, { name: `Bench ${u}` }, 'system');
    await updateProfile(
      deps.domain,
      { userId: profile.id, via: 'system' },
      { quietHours: null, maxNudgesPerDay: 50 },
    );
    users.push(profile.id);
  }
  return users;
};

/** Seeds `count` open tasks with one reminder each, due across `windowMs` from `start`, and plans their jobs. */
const seedTasks = async (deps: Deps, users: string[], count: number, start: number, windowMs: number) => {
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
  // Written around the repository, as an import would be, so the jobs are planned explicitly.
  await deps.jobs.scheduler.planReminders(docs, new Date());
  return docs;
};

/**
 * Waits until the worker has finished `total` reminder jobs (counted in Redis: counting the inbox would be a full
 * collection scan on FerretDB, competing with the worker being measured), then reads each reminder's inbox time and
 * returns lateness (delivered minus due) in ms.
 */
const lateness = async (
  deps: Deps,
  docs: { _id: string; dueAt: Date }[],
  total: number,
  timeoutMs: number,
) => {
  const deadline = Date.now() + timeoutMs;
  while ((await deps.jobs.queues.reminders.getCompletedCount()) < total && Date.now() < deadline)
    await sleep(500);
  const inbox = deps.database.db.collection<{ _id: string; createdAt: Date }>('inbox');
  const at = new Map(
    (await inbox.find({}, { projection: { _id: 1, createdAt: 1 } }).toArray()).map((m) => [
      m._id,
      m.createdAt.getTime(),
    ]),
  );
  return docs.flatMap((d) => {
    const deliveredAt = at.get(`${reminderKey(d._id, d.dueAt.getTime(), 0)}:web`);
    return deliveredAt === undefined ? [] : [deliveredAt - d.dueAt.getTime()];
  });
};

/** Reminder jobs that needed more than one attempt, and why (the first few reasons), to explain a long tail. */
const retries = async (deps: Deps) => {
  const jobs = await deps.jobs.queues.reminders.getCompleted(0, 100_000);
  const retried = jobs.filter((job) => (job.attemptsStarted ?? 1) > 1);
  const reasons = new Map<string, number>();
  for (const job of retried) {
    for (const trace of job.stacktrace ?? []) {
      const reason = trace.split('\n')[0]!.slice(0, 160);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  if (reasons.size > 0)
    console.log('why reminder jobs were retried:', [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5));
  return retried.length;
};

/**
 * One-off notifications (`NotificationScheduler.notify`, e.g. "task completed" messages) for `users`, one each
 * round, `count` in all, all queued at once: how many a second the worker delivers until the last has landed.
 */
const notificationThroughput = async (deps: Deps, users: string[], count: number) => {
  const started = Date.now();
  const before = await deps.jobs.queues.notifications.getCompletedCount();
  const requests = Array.from({ length: count }, (_, i) => ({
    userId: users[i % users.length]!,
    occurrenceKey: `bench-note:${i}`,
    message: {
      kind: 'task_completed' as const,
      title: 'Nice one',
      text: `Done: bench task ${i}`,
      taskId: null,
      actions: [],
      data: {},
    },
  }));
  for (const request of requests) await deps.jobs.scheduler.notify(request);
  const deadline = started + 300_000;
  while ((await deps.jobs.queues.notifications.getCompletedCount()) - before < count && Date.now() < deadline)
    await sleep(100);
  const inbox = deps.database.db.collection<{ _id: string; createdAt: Date }>('inbox');
  const landed = (
    await inbox.find({ createdAt: { $gte: new Date(started) } }, { projection: { createdAt: 1 } }).toArray()
  ).filter((m) => m._id.startsWith('bench-note:'));
  const lastMs = Math.max(...landed.map((m) => m.createdAt.getTime())) - started;
  return { delivered: landed.length, perSecond: landed.length / (lastMs / 1000) };
};

/** BullMQ alone: delayed no-op jobs, measuring when the processor starts against when they were due. */
const bullBaseline = async (redisUrl: string, count: number, windowMs: number) => {
  const connection = bullConnection(redisUrl);
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const queue = new Queue('baseline', { connection, prefix });
  const late: number[] = [];
  const worker = new Worker('baseline', async (job) => void late.push(Date.now() - job.data.due), {
    connection,
    prefix,
    concurrency: 20,
  });
  const start = Date.now() + 5_000;
  // Anchored like our scheduler's jobs: BullMQ counts a delay from the job's `timestamp`, not from when it lands.
  const timestamp = Date.now();
  const jobs = Array.from({ length: count }, (_, i) => {
    const due = start + Math.floor((i / count) * windowMs);
    return {
      name: 'noop',
      data: { due },
      opts: { delay: due - timestamp, timestamp, removeOnComplete: true },
    };
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
  const local = await attachLocalServices({
    ...base,
    dataDir,
    mongodbUri: process.env.MONGODB_URI,
    redisUrl: process.env.REDIS_URL,
  });
  const config = loadConfig({
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    MONGODB_URI: local.mongodbUri,
    REDIS_URL: local.redisUrl,
    MONGODB_DB: `bench_${randomBytes(4).toString('hex')}`,
    JOBS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    JOBS_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '20',
  });
  const deps = await createDeps(config);
  try {
    await deps.jobs.start();

    // Steady load: REMINDERS due evenly over WINDOW_S, the first once seeding is surely over.
    const steadyUsers = await seedUsers(deps, REMINDERS);
    const start = Date.now() + 15_000 + REMINDERS * 3;
    const steady = await seedTasks(deps, steadyUsers, REMINDERS, start, WINDOW_S * 1000);
    const seedMarginMs = start - Date.now();
    const steadyLate = await lateness(deps, steady, REMINDERS, WINDOW_S * 1000 + seedMarginMs + 300_000);
    const steadyRetries = await retries(deps);

    // Burst: BURST reminders due at the same moment; throughput is how fast they drain.
    const burstUsers = await seedUsers(deps, BURST);
    const burstAt = Date.now() + 10_000 + BURST * 3;
    const burst = await seedTasks(deps, burstUsers, BURST, burstAt, 1);
    const burstLate = await lateness(deps, burst, REMINDERS + BURST, 300_000 + (burstAt - Date.now()));
    const drainS = Math.max(...burstLate) / 1000;

    // Notifications: BURST one-off messages queued at once for fresh people.
    const notes = await notificationThroughput(deps, await seedUsers(deps, BURST), BURST);

    const baseline = await bullBaseline(local.redisUrl, REMINDERS, BASELINE_WINDOW_S * 1000);

    await report('reminders', {
      reminders_scheduled: REMINDERS,
      window_s: WINDOW_S,
      seeding_margin_ms: seedMarginMs,
      reminders_delivered: steadyLate.length,
      lateness_p50_ms: percentile(steadyLate, 50),
      lateness_p99_ms: percentile(steadyLate, 99),
      lateness_max_ms: Math.max(...steadyLate),
      late_over_5s: steadyLate.filter((ms) => ms > 5_000).length,
      retried_reminder_jobs: steadyRetries,
      burst_reminders: BURST,
      burst_delivered: burstLate.length,
      burst_throughput_per_s: burstLate.length / drainS,
      notifications_queued: BURST,
      notifications_delivered: notes.delivered,
      notification_throughput_per_s: notes.perSecond,
      baseline_jobs: baseline.length,
      baseline_window_s: BASELINE_WINDOW_S,
      baseline_bullmq_lateness_p50_ms: percentile(baseline, 50),
      baseline_bullmq_lateness_p99_ms: percentile(baseline, 99),
      baseline_bullmq_lateness_max_ms: Math.max(...baseline),
    });
  } finally {
    await deps.close();
    await local.release();
    await rm(dataDir, { recursive: true, force: true });
  }
};
