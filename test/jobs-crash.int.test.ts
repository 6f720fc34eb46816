import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTask } from '../src/domain/tasks/index.js';
import { updateProfile } from '../src/domain/users/update-profile.js';
import type { TestEnv } from './support/test-env.js';
import { createJobsTestEnv, eventually } from './support/jobs-env.js';
import { spawnCli, type CliProcess } from './support/spawn-cli.js';

// Reminders scheduled, the worker process killed with SIGKILL mid-run and started again (CRASH_REMINDERS sizes it).
const REMINDERS = Number(process.env.CRASH_REMINDERS ?? 1000);
// 25 reminders a person: a kill can cost a person one nudge slot per job in flight (the slot is taken, the record of it
// dies with the worker), so nobody may sit exactly at the cap of 50 or a reminder would rightly wait for tomorrow.
const USERS = Math.max(1, Math.ceil(REMINDERS / 25));

let env: TestEnv;
let worker: CliProcess | undefined;

beforeAll(async () => {
  env = await createJobsTestEnv();
});
afterAll(async () => {
  await worker?.stop();
  await env?.close();
});

const workerEnv = () => ({
  MONGODB_URI: inject('mongodbUri'),
  REDIS_URL: inject('redisUrl'),
  MONGODB_DB: env.config.mongodbDb,
  JOBS_PREFIX: env.config.jobs.prefix,
  JOBS_LOCK_MS: '2000',
  JOBS_SCAN_EVERY_MS: '1000',
  LOG_LEVEL: 'error',
});

const inbox = () => env.database.db.collection<{ _id: string; deliveries: number }>('inbox');

describe('reminders survive a worker crash', () => {
  it(
    `delivers each of ${REMINDERS} reminders exactly once across a SIGKILL and restart`,
    { timeout: 420_000 },
    async () => {
      const users: { userId: string; token: string }[] = [];
      for (let u = 0; u < USERS; u++) {
        const user = await env.newUser(`Person ${u}`);
        await updateProfile(
          env.domain,
          { userId: user.userId, via: 'system' },
          { quietHours: null, maxNudgesPerDay: 50 },
        );
        users.push(user);
      }
      // The worker runs while the tasks are created, so reminders are planned as delayed jobs ahead of time.
      worker = spawnCli(['worker'], workerEnv());
      const firstDue = Date.now() + 10_000 + REMINDERS * 30; // creating 1,000 took ~18 s on a loaded 2-core machine
      const creating = Date.now();
      for (let i = 0; i < REMINDERS; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, REMINDERS - i) }, (_, k) =>
            createTask(
              env.domain,
              { userId: users[(i + k) % USERS]!.userId, via: 'system' },
              {
                title: `Reminder test ${i + k}`,
                dueAt: new Date(firstDue + (i + k) * 10).toISOString(),
                reminders: [0],
              },
            ),
          ),
        );
      }
      if (process.env.CRASH_DEBUG) console.log('DBG created in', Date.now() - creating);
      expect(Date.now()).toBeLessThan(firstDue); // all planned before the first is due
      if (process.env.CRASH_DEBUG) {
        const t0 = Date.now();
        const progress = async () =>
          console.log(
            'DBG',
            Date.now() - t0,
            JSON.stringify(await env.jobs.queues.reminders.getJobCounts()),
            worker?.output().slice(-300),
          );
        setInterval(() => void progress().catch(() => undefined), 5000).unref(); // debug output only; may outlive the env
      }
      // Progress is read from Redis: counting the inbox is a full collection scan on FerretDB and would slow the worker.
      const finished = () => env.jobs.queues.reminders.getCompletedCount();
      await eventually('a third of the reminders', async () => (await finished()) >= REMINDERS / 3, 200_000);
      worker.child.kill('SIGKILL');
      await worker.stop();
      const atKill = await inbox().countDocuments();
      expect(atKill).toBeLessThan(REMINDERS); // the kill really happened mid-run

      await sleep(500);
      worker = spawnCli(['worker'], workerEnv());
      await eventually('every reminder', async () => (await finished()) >= REMINDERS, 300_000);
      const drainedInS = Math.round((Date.now() - firstDue) / 1000);
      await sleep(3_000); // let anything stalled be retried; nothing more may arrive

      expect(await inbox().countDocuments()).toBe(REMINDERS);
      const notifications = env.database.db.collection('notifications');
      expect(await notifications.countDocuments({ status: 'sent' })).toBe(REMINDERS);
      expect(await notifications.countDocuments({ status: { $ne: 'sent' } })).toBe(0);
      const resent = await inbox().countDocuments({ deliveries: { $gt: 1 } });
      expect(resent).toBeLessThanOrEqual(Number(env.config.jobs.concurrency)); // at most the jobs in flight at the kill
      // The same bound holds for nudge slots a killed job took without recording them.
      const slots = await env.database.db.collection('nudge_slots').countDocuments();
      console.log(
        `crash test: ${atKill} delivered before SIGKILL; ${resent} handed to the inbox twice and shown once; ${slots - REMINDERS} nudge slots lost; all delivered ${drainedInS} s after the first was due`,
      );
      expect(slots - REMINDERS).toBeLessThanOrEqual(Number(env.config.jobs.concurrency));
    },
  );
});
