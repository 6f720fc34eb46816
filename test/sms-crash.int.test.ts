import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../src/domain/tasks/index.js';
import { eventually } from './support/jobs-env.js';
import { createSmsTestEnv, smsWorkerEnv, OUR_NUMBER, type SmsTestEnv } from './support/sms-env.js';
import { spawnCli, type CliProcess } from './support/spawn-cli.js';

// The crash test's SMS variant (jobs-crash.int.test.ts): reminders for people who prefer texts, the worker process
// killed with SIGKILL mid-run and started again; every reminder reaches the fake Twilio API exactly once.
const REMINDERS = Number(process.env.CRASH_REMINDERS ?? 1000);
// 25 a person, half the highest daily nudge cap (see jobs-crash.int.test.ts for why not at the cap).
const USERS = Math.max(1, Math.ceil(REMINDERS / 25));

let sms: SmsTestEnv;
let worker: CliProcess | undefined;

beforeAll(async () => {
  // This process only plans; the spawned worker sends.
  sms = await createSmsTestEnv({}, { runWorkers: false });
});
afterAll(async () => {
  await worker?.stop();
  await sms?.close();
});

const workerEnv = () =>
  smsWorkerEnv(sms, {
    JOBS_LOCK_MS: '2000',
    JOBS_SCAN_EVERY_MS: '1000',
    SMS_SEGMENTS_PER_SECOND: '1000',
  });

const phoneOf = (u: number) => `+1415556${String(u).padStart(4, '0')}`;

describe('reminders by SMS survive a worker crash', () => {
  it(
    `texts each of ${REMINDERS} reminders exactly once across a SIGKILL and restart`,
    { timeout: 420_000 },
    async () => {
      const users: string[] = [];
      for (let u = 0; u < USERS; u++) {
        const user = await sms.person(`Person ${u}`, phoneOf(u), {
          preferredChannel: 'sms',
          maxNudgesPerDay: 50,
        });
        users.push(user.userId);
      }
      worker = spawnCli(['worker'], workerEnv());
      const firstDue = Date.now() + 10_000 + REMINDERS * 30;
      for (let i = 0; i < REMINDERS; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, REMINDERS - i) }, (_, k) =>
            createTask(
              sms.env.domain,
              { userId: users[(i + k) % USERS]!, via: 'system' },
              {
                title: `Reminder test ${i + k}`,
                dueAt: new Date(firstDue + (i + k) * 10).toISOString(),
                reminders: [0],
              },
            ),
          ),
        );
      }
      expect(Date.now()).toBeLessThan(firstDue); // all planned before the first is due

      const finished = () => sms.env.jobs.queues.reminders.getCompletedCount();
      await eventually('a third of the reminders', async () => (await finished()) >= REMINDERS / 3, 200_000);
      worker.child.kill('SIGKILL');
      await worker.stop();
      const atKill = sms.fake.sent.length;
      expect(atKill).toBeLessThan(REMINDERS); // the kill really happened mid-run

      await sleep(500);
      worker = spawnCli(['worker'], workerEnv());
      await eventually('every reminder', async () => (await finished()) >= REMINDERS, 300_000).catch(
        (error: unknown) => {
          throw new Error(`${(error as Error).message}; worker said: ${worker?.output().slice(-600)}`);
        },
      );
      await sleep(3_000); // let anything stalled be retried; nothing more may arrive

      // Each reminder names its task: one text per task title, to its person's phone, from our number.
      const titles = sms.fake.sent.map((m) => /Reminder test \d+/.exec(m.body)?.[0]);
      expect(titles.filter((t) => t === undefined)).toEqual([]);
      expect(new Set(titles).size).toBe(REMINDERS);
      expect(sms.fake.sent).toHaveLength(REMINDERS);
      for (const message of sms.fake.sent) {
        const n = Number(/Reminder test (\d+)/.exec(message.body)![1]);
        expect(message.to).toBe(phoneOf(n % USERS));
        expect(message.from).toBe(OUR_NUMBER);
      }
      const notifications = sms.env.database.db.collection('notifications');
      expect(await notifications.countDocuments({ channel: 'sms', status: 'sent' })).toBe(REMINDERS);
      expect(await notifications.countDocuments({ status: { $ne: 'sent' } })).toBe(0);
      const outbox = sms.env.database.db.collection('sms_outbox');
      expect(await outbox.countDocuments({ state: { $ne: 'sent' } })).toBe(0);
      console.log(
        `sms crash test: ${atKill} texted before SIGKILL; ${REMINDERS} texted once each in the end`,
      );
    },
  );
});
