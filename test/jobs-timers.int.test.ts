import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from './support/test-env.js';
import { createJobsTestEnv, eventually, inboxOf } from './support/jobs-env.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createJobsTestEnv();
  await env.jobs.start();
});
afterAll(async () => {
  await env?.close();
});

const person = async (prefs: Record<string, unknown> = {}) => {
  const user = await env.newUser('Ari', 'Asia/Tokyo');
  await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, ...prefs });
  return user;
};

const delayedTimer = (type: string, match: (data: Record<string, unknown>) => boolean) =>
  eventually(`a delayed ${type} job`, async () => {
    const jobs = await env.jobs.queues.reminders.getJobs(['delayed']);
    return jobs.find((j) => j.data.type === type && match(j.data));
  });

describe('focus timers and check-ins', () => {
  it('checks in when a focus block ends', async () => {
    const user = await person();
    const session = (
      await env.call(user, 'POST', '/api/v1/focus-sessions', { plannedMinutes: 25, label: 'Thesis intro' })
    ).body;
    const job = await delayedTimer('focus_end', (d) => d.sessionId === session.id);
    expect(job.delay).toBeGreaterThan(24 * 60_000);
    await job.promote(); // stand in for 25 minutes of focus
    const [message] = await eventually('the focus check-in', async () => {
      const items = await inboxOf(env, user);
      return items.length > 0 && items;
    });
    expect(message).toMatchObject({ kind: 'focus_end' });
    expect(message!.text).toContain('Thesis intro');
  });

  it('stays quiet about a block the person already stopped', async () => {
    const user = await person();
    const session = (await env.call(user, 'POST', '/api/v1/focus-sessions', { plannedMinutes: 15 })).body;
    const job = await delayedTimer('focus_end', (d) => d.sessionId === session.id);
    await env.call(user, 'POST', `/api/v1/focus-sessions/${session.id}/stop`);
    await job.promote();
    await eventually('the timer to finish', async () => (await job.getState()) === 'completed');
    expect(await inboxOf(env, user)).toEqual([]);
  });

  it('sends the morning plan at the local time the person chose, once a day', async () => {
    const inTwoMinutesTokyo = new Date(Date.now() + 2 * 60_000).toLocaleTimeString('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const user = await person({ checkins: { morning: inTwoMinutesTokyo, evening: null } });
    await env.jobs.queues.scheduler.add('checkins', {}); // the minutely scheduler run, now
    const job = await delayedTimer('checkin', (d) => d.userId === user.userId);
    expect(job.data).toMatchObject({ which: 'morning' });
    expect(job.delay).toBeGreaterThan(30_000);
    await env.jobs.queues.scheduler.add('checkins', {});
    await sleep(1_000);
    const jobs = (await env.jobs.queues.reminders.getJobs(['delayed'])).filter(
      (j) => j.data.type === 'checkin' && j.data.userId === user.userId,
    );
    expect(jobs).toHaveLength(1);
    await job.promote();
    const [message] = await eventually('the morning message', async () => {
      const items = await inboxOf(env, user);
      return items.length > 0 && items;
    });
    expect(message).toMatchObject({ kind: 'morning_plan' });
  });
});
