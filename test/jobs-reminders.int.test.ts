import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from './support/test-env.js';
import { createJobsTestEnv, eventually, inboxOf, inSeconds, reminderJob } from './support/jobs-env.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createJobsTestEnv();
  await env.jobs.start();
});
afterAll(async () => {
  await env?.close();
});

/** A person with no quiet hours right now (tests run at any hour), unless a test sets them. */
const newPerson = async (prefs: Record<string, unknown> = {}) => {
  const user = await env.newUser('Rae');
  await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, maxNudgesPerDay: 20, ...prefs });
  return user;
};

const createTask = async (user: Awaited<ReturnType<typeof newPerson>>, body: Record<string, unknown>) => {
  const res = await env.call(user, 'POST', '/api/v1/tasks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; dueAt: string };
};

describe('reminders', () => {
  it('arrive once, at the due time, in the in-app inbox', async () => {
    const user = await newPerson();
    const task = await createTask(user, { title: 'Call mom', dueAt: inSeconds(2), reminders: [0] });
    const items = await eventually('the reminder', async () => {
      const inbox = await inboxOf(env, user);
      return inbox.length > 0 && inbox;
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.text).toContain('Call mom');
    expect(Date.now()).toBeGreaterThanOrEqual(new Date(task.dueAt).getTime());
    await sleep(1_500);
    expect(await inboxOf(env, user)).toHaveLength(1);
    const log = (await env.call(user, 'GET', '/api/v1/notifications')).body.items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'reminder', channel: 'web', status: 'sent', attempts: 1 });
  });

  it('are due at their time however long planning took (a slow scan or a large batch)', async () => {
    const user = await newPerson();
    const dueAt = Date.now() + 60 * 60_000;
    const task = {
      _id: `task_slowplan${Date.now()}`,
      userId: user.userId,
      status: 'todo' as const,
      dueAt: new Date(dueAt),
      reminders: [0],
      deletedAt: null,
    };
    const plannedWith = new Date(); // what a scan read at its start
    await sleep(1_200); // ...and the seconds it spent before adding the jobs
    expect(await env.jobs.scheduler.planReminders([task], plannedWith)).toBe(1);
    const job = await reminderJob(env, task._id, task.dueAt.toISOString());
    const runsAt = job!.timestamp + (job!.opts.delay ?? 0);
    expect(Math.abs(runsAt - dueAt)).toBeLessThan(100);
    await job!.remove();
  });

  it('follow the task when it is rescheduled, and never fire for the old time', async () => {
    const user = await newPerson();
    const first = inSeconds(2);
    const task = await createTask(user, { title: 'Pay rent', dueAt: first, reminders: [0] });
    await eventually('the first reminder job', () => reminderJob(env, task.id, first));
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await env.call(user, 'PATCH', `/api/v1/tasks/${task.id}`, { dueAt: later })).status).toBe(200);
    const moved = await eventually('the rescheduled reminder job', () => reminderJob(env, task.id, later));
    expect(await moved.getState()).toBe('delayed');
    await sleep(3_000);
    expect(await inboxOf(env, user)).toEqual([]);
    expect(await (await reminderJob(env, task.id, first))?.returnvalue).toMatchObject({
      outcome: 'cancelled',
    });
  });

  it('are cancelled when the person finishes or deletes the task first', async () => {
    const user = await newPerson();
    const done = await createTask(user, { title: 'Water plants', dueAt: inSeconds(2), reminders: [0] });
    const gone = await createTask(user, { title: 'Old idea', dueAt: inSeconds(2), reminders: [0] });
    await env.call(user, 'POST', `/api/v1/tasks/${done.id}/complete`);
    await env.call(user, 'DELETE', `/api/v1/tasks/${gone.id}`);
    await sleep(3_500);
    expect((await inboxOf(env, user)).filter((m) => m.kind === 'reminder')).toEqual([]);
  });

  it('wait for quiet hours to end instead of arriving at night', async () => {
    const now = new Date();
    const hh = (d: Date) => d.toISOString().slice(11, 16);
    const user = await newPerson({
      timezone: 'UTC',
      quietHours: {
        start: hh(new Date(now.getTime() - 3_600_000)),
        end: hh(new Date(now.getTime() + 3_600_000)),
      },
    });
    const task = await createTask(user, { title: 'Email landlord', dueAt: inSeconds(1), reminders: [0] });
    // Polled until it holds: a snapshot read between the worker's updateData and moveToDelayed already says
    // `deferred` but still carries the first delay (seen under load).
    const job = await eventually('the reminder deferred past quiet hours', async () => {
      const found = await reminderJob(env, task.id, task.dueAt);
      const later = found && found.timestamp + (found.delay ?? 0) > now.getTime() + 3_500_000;
      return later && (await found.getState()) === 'delayed' && found.data.deferred === true && found;
    });
    expect(job.timestamp + (job.delay ?? 0)).toBeGreaterThan(now.getTime() + 3_500_000);
    expect(await inboxOf(env, user)).toEqual([]);
  });

  it('respect the daily nudge cap and move the rest to tomorrow', async () => {
    const user = await newPerson({ maxNudgesPerDay: 2 });
    const tasks: { id: string; dueAt: string }[] = [];
    for (const title of ['One', 'Two', 'Three', 'Four'])
      tasks.push(await createTask(user, { title, dueAt: inSeconds(1), reminders: [0] }));
    await eventually('two reminders', async () => (await inboxOf(env, user)).length === 2);
    await eventually('two deferred to tomorrow', async () => {
      let deferred = 0;
      for (const t of tasks) {
        const job = await reminderJob(env, t.id, t.dueAt);
        if (job && (await job.getState()) === 'delayed' && job.data.deferred) deferred++;
      }
      return deferred === 2;
    });
    await sleep(1_000);
    expect(await inboxOf(env, user)).toHaveLength(2);
  });

  it('ask kindly about a reminder that was missed while the system was down', async () => {
    const user = await newPerson();
    // Written an hour ago with a reminder 20 minutes ago: the reminder was planned, then the system was down.
    const dueAt = new Date(Date.now() - 20 * 60_000);
    const task = await createTask(user, { title: 'Book dentist', dueAt: inSeconds(3_600), reminders: [0] });
    const written = { dueAt, dueEndAt: dueAt, dueSortAt: dueAt, updatedAt: new Date(Date.now() - 3_600_000) };
    const tasks = env.database.db.collection<{ _id: string }>('tasks');
    await tasks.updateOne({ _id: task.id }, { $set: written });
    const stored = {
      _id: task.id,
      userId: user.userId,
      status: 'todo',
      reminders: [0],
      deletedAt: null,
      ...written,
    };
    expect(await env.jobs.scheduler.planReminders([stored], new Date())).toBe(1);
    const [message] = await eventually('the missed-reminder message', async () => {
      const inbox = await inboxOf(env, user);
      return inbox.length > 0 && inbox;
    });
    expect(message!.text).toContain("couldn't reach you earlier");
    expect(message!.text).toContain('Book dentist');
  });

  it('skip a reminder whose time had already passed when the task was written: nothing was missed', async () => {
    const user = await newPerson();
    // Due in 2 min 3 s with reminders 2 min and 15 min before: the 15-minute one was past before the task existed.
    const task = await createTask(user, {
      title: 'Stretch',
      dueAt: new Date(Date.now() + 123_000).toISOString(),
      reminders: ['2m', '15m'],
    });
    const [message] = await eventually('the 2-minute reminder', async () => {
      const inbox = await inboxOf(env, user);
      return inbox.length > 0 && inbox;
    });
    expect(message!.text).toContain('"Stretch" is due in 2 min');
    await sleep(1_500);
    const texts = (await inboxOf(env, user)).map((m) => m.text);
    expect(texts).toHaveLength(1);
    expect(texts.join('\n')).not.toContain("couldn't reach you earlier");
    expect(await reminderJob(env, task.id, task.dueAt, 15)).toBeUndefined();
  });

  it('snooze: the reminder comes back after the chosen minutes', async () => {
    const user = await newPerson();
    const task = await createTask(user, {
      title: 'Stretch',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const res = await env.call(user, 'POST', `/api/v1/tasks/${task.id}/snooze`, { minutes: 15 });
    expect(res.status).toBe(200);
    const remindAt = new Date(res.body.remindAt).getTime();
    expect(remindAt - Date.now()).toBeGreaterThan(14 * 60_000);
    const job = await env.jobs.queues.reminders.getJob(`snz.${task.id}.${Math.floor(remindAt / 60_000)}`);
    expect(await job?.getState()).toBe('delayed');
    await job!.promote(); // stand in for fifteen minutes passing
    const [message] = await eventually('the snoozed reminder', async () => {
      const inbox = await inboxOf(env, user);
      return inbox.length > 0 && inbox;
    });
    expect(message!.text).toContain('Stretch');
  });

  it("never lets one person snooze another person's task", async () => {
    const owner = await newPerson();
    const other = await newPerson();
    const task = await createTask(owner, { title: 'Private', dueAt: inSeconds(3600) });
    expect((await env.call(other, 'POST', `/api/v1/tasks/${task.id}/snooze`, { minutes: 5 })).status).toBe(
      404,
    );
  });
});
