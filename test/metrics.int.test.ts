import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from './support/test-env.js';
import { createJobsTestEnv, eventually, inboxOf, inSeconds } from './support/jobs-env.js';

// /metrics for an operator (issue 22): refused without its token; with it, after a reminder went out, the
// deliveries by channel and outcome, the reminder-lateness histogram and the queue depths, counted in Redis so
// any app process shows what the workers did.

const TOKEN = 'metrics-token-for-tests-0123456789';
let env: TestEnv;
let off: TestEnv;
beforeAll(async () => {
  env = await createJobsTestEnv({}, { METRICS_TOKEN: TOKEN });
  await env.jobs.start();
  off = await createJobsTestEnv();
});
afterAll(async () => {
  await env?.close();
  await off?.close();
});

const scrape = (target: TestEnv, token?: string) =>
  target.app.request('/metrics', { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one sample line, e.g. `focusforge_deliveries{channel="web",outcome="sent"}`. */
const sample = (text: string, series: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
};

describe('/metrics', () => {
  it('is refused without its token, with a wrong one, and off when no token is configured', async () => {
    expect((await scrape(env)).status).toBe(401);
    expect((await scrape(env, 'not-the-token-at-all-000000')).status).toBe(401);
    const disabled = await scrape(off, TOKEN);
    expect(disabled.status).toBe(404);
    expect(await disabled.text()).toMatch(/METRICS_TOKEN/);
  });

  it('shows deliveries, reminder lateness and queue depth after a reminder went out', async () => {
    const user = await env.newUser('Mo');
    await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, maxNudgesPerDay: 20 });
    const res = await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Water the plants',
      dueAt: inSeconds(2),
      reminders: [0],
    });
    expect(res.status).toBe(201);
    await eventually('the reminder', async () => (await inboxOf(env, user)).length > 0);

    const text = await eventually('the counted delivery', async () => {
      const body = await (await scrape(env, TOKEN)).text();
      return (sample(body, 'focusforge_deliveries{channel="web",outcome="sent"}') ?? 0) >= 1 && body;
    });
    expect(text).toMatch(/^# TYPE focusforge_reminder_lateness_seconds histogram$/m);
    const count = sample(text, 'focusforge_reminder_lateness_seconds_count');
    expect(count).toBeGreaterThanOrEqual(1);
    // Sent within a minute of its moment: counted in the 60 s bucket and every wider one.
    expect(sample(text, 'focusforge_reminder_lateness_seconds_bucket{le="60"}')).toBe(count);
    expect(sample(text, 'focusforge_reminder_lateness_seconds_bucket{le="+Inf"}')).toBe(count);
    expect(sample(text, 'focusforge_queue_jobs{queue="reminders",state="failed"}')).toBe(0);
    expect(text).toContain('focusforge_http_request_duration_seconds_bucket');
  });
});
