import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIdentity } from '../src/domain/identities/index.js';
import type { TestEnv } from './support/test-env.js';
import { createJobsTestEnv, eventually, inboxOf, inSeconds } from './support/jobs-env.js';
import { startSmtpRecorder } from './support/smtp-recorder.js';

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  env = await createJobsTestEnv({}, { SMTP_URL: smtp.url, EMAIL_FROM: 'FocusForge <hello@focusforge.test>' });
  await env.jobs.start();
});
afterAll(async () => {
  await env?.close();
  await smtp?.close();
});

const emailPerson = async (name: string, address: string, prefs: Record<string, unknown>) => {
  const user = await env.newUser(name);
  await addIdentity(env.domain, { userId: user.userId, via: 'cli' }, 'email', address);
  const res = await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, ...prefs });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return user;
};

/** A person who wants ignored reminders escalated to email, a task whose reminder reached the inbox, and the
 * escalation job waiting its thirty minutes. */
const ignoredReminder = async (name: string, address: string, title: string) => {
  const user = await emailPerson(name, address, {
    preferredChannel: 'web',
    escalation: { channel: 'email', afterMinutes: 30 },
  });
  const task = (await env.call(user, 'POST', '/api/v1/tasks', { title, dueAt: inSeconds(1), reminders: [0] }))
    .body;
  await eventually('the in-app reminder', async () => (await inboxOf(env, user)).length === 1);
  const escalation = await eventually('the escalation job', async () => {
    const jobs = await env.jobs.queues.reminders.getJobs(['delayed']);
    return jobs.find((j) => j.data.type === 'escalate' && j.data.taskId === task.id);
  });
  return { user, task, escalation };
};

/** Unfolds quoted-printable soft line breaks so assertions can read the text. */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('email notifications', () => {
  it('deliver a reminder by email, with text and escaped HTML, once', async () => {
    const user = await emailPerson('Sam', 'sam@example.com', { preferredChannel: 'email' });
    const res = await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Send <draft> & notes',
      dueAt: inSeconds(1),
      reminders: [0],
    });
    expect(res.status).toBe(201);
    const mail = await eventually('the email', async () =>
      smtp.received.find((m) => m.to.includes('sam@example.com')),
    );
    const body = decoded(mail.raw);
    expect(body).toMatch(/Subject: Reminder: Send <draft> & notes/);
    expect(body).toContain('Hi Sam,');
    expect(body).toContain('Send &lt;draft&gt; &amp; notes');
    expect(body).toMatch(/From: FocusForge <hello@focusforge\.test>/);
    expect(body).toMatch(/Message-ID:\s+<rem\.task_/i);
    const log = (await env.call(user, 'GET', '/api/v1/notifications')).body.items;
    expect(log).toMatchObject([{ channel: 'email', status: 'sent' }]);
    expect(smtp.received.filter((m) => m.to.includes('sam@example.com'))).toHaveLength(1);
  });

  it('fall back to the in-app inbox when the person has no email address linked', async () => {
    const user = await env.newUser('Noor');
    await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, preferredChannel: 'email' });
    await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Refill prescription',
      dueAt: inSeconds(1),
      reminders: [0],
    });
    const inbox = await eventually('the inbox message', async () => {
      const items = await inboxOf(env, user);
      return items.length > 0 && items;
    });
    expect(inbox[0]!.text).toContain('Refill prescription');
  });

  it('escalate an ignored reminder to email after the chosen delay', async () => {
    const { escalation } = await ignoredReminder('Kai', 'kai@example.com', 'Submit form');
    expect(escalation.delay).toBeGreaterThan(29 * 60_000);
    await escalation.promote(); // stand in for thirty ignored minutes
    const mail = await eventually('the escalation email', async () =>
      smtp.received.find((m) => m.to.includes('kai@example.com')),
    );
    expect(decoded(mail.raw)).toContain('Submit form');
  });

  it('do not escalate when the person already acted on the task', async () => {
    const { user, task, escalation } = await ignoredReminder('Lee', 'lee@example.com', 'Walk dog');
    await env.call(user, 'POST', `/api/v1/tasks/${task.id}/complete`);
    await escalation.promote();
    await eventually('the escalation to finish', async () => (await escalation.getState()) === 'completed');
    expect(smtp.received.filter((m) => m.to.includes('lee@example.com'))).toHaveLength(0);
  });
});
