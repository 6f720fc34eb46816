import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, reminderJob } from './support/jobs-env.js';
import { createSmsTestEnv, OUR_NUMBER, type SmsTestEnv } from './support/sms-env.js';

let sms: SmsTestEnv;
beforeAll(async () => {
  sms = await createSmsTestEnv();
});
afterAll(async () => {
  await sms?.close();
});

const tasksOf = (userId: string) =>
  sms.env.database.db
    .collection<{ _id: string; title: string; status: string; dueAt: Date | null }>('tasks')
    .find({ userId })
    .toArray();

/** "1" away: the two-digit local time a Date shows in UTC. */
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe('a conversation by text message', () => {
  it('remind me → what now → 1 → done, with the reminder texted at its time, once', async () => {
    const phone = '+14155550160';
    const user = await sms.person('Jo', phone, { preferredChannel: 'sms' });

    await sms.text(phone, 'remind me to call mom at 5pm');
    const [created] = await sms.textsTo(phone);
    expect(created).toMatch(/call mom/i);
    const [task] = await tasksOf(user.userId);
    expect(task?.title).toMatch(/call mom/i);
    expect(hhmm(task!.dueAt!)).toBe('17:00'); // the person's time zone is UTC
    // The reminder waits for 5 pm as a delayed job; bring its time forward rather than wait for the clock.
    const job = await eventually('the reminder job', async () =>
      reminderJob(sms.env, task!._id, task!.dueAt!.toISOString(), 0),
    );
    expect(job.timestamp + job.delay).toBe(task!.dueAt!.getTime());
    await job.promote();
    const [, reminder] = await sms.textsTo(phone, 2);
    expect(reminder).toMatch(/call mom/i);
    expect(reminder).toMatch(/Reply 1 for done, 2 for snooze 15 min, 3 for break it down\.$/);
    const reminderSms = sms.fake.sent.filter((m) => m.to === phone)[1]!;
    expect(reminderSms.from).toBe(OUR_NUMBER);
    expect(reminderSms.statusCallback).toBe('https://focus.example.test/webhooks/twilio/status');
    const log = (await sms.env.call(user, 'GET', '/api/v1/notifications')).body.items;
    expect(log).toMatchObject([{ channel: 'sms', status: 'sent', kind: 'reminder' }]);

    await sms.text(phone, 'what should I do now?');
    const [, , suggestion] = await sms.textsTo(phone, 3);
    expect(suggestion).toMatch(/call mom/i);
    expect(suggestion).toMatch(/Reply 1 for start it/);
    await sms.text(phone, '1');
    const [, , , started] = await sms.textsTo(phone, 4);
    expect(started).toMatch(/first step/i);
    expect(started).toMatch(/Reply 1 when you've started/);
    await sms.text(phone, 'done');
    const [, , , , finished] = await sms.textsTo(phone, 5);
    expect(finished!.length).toBeGreaterThan(0);
    await eventually('call mom done', async () =>
      (await tasksOf(user.userId)).some((t) => t.status === 'done'),
    );

    await sleep(2_000); // nothing more may arrive: one text per message, the reminder once
    expect(sms.fake.sent.filter((m) => m.to === phone)).toHaveLength(5);
    for (const text of sms.fake.sent.filter((m) => m.to === phone)) {
      expect(text.body.length).toBeLessThanOrEqual(306);
    }
  });

  it('keeps quiet hours: a reminder due at night waits, no text goes out', async () => {
    const phone = '+14155550161';
    const now = new Date();
    const start = new Date(now.getTime() - 3_600_000);
    const end = new Date(now.getTime() + 3_600_000);
    const user = await sms.person('Kit', phone, {
      preferredChannel: 'sms',
      quietHours: { start: hhmm(start), end: hhmm(end) },
    });
    const due = new Date(Date.now() + 1_000);
    await sms.env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Take meds',
      dueAt: due.toISOString(),
      reminders: [0],
    });
    await sleep(3_500);
    expect(sms.fake.sent.filter((m) => m.to === phone)).toHaveLength(0);
    const log = (await sms.env.call(user, 'GET', '/api/v1/notifications')).body.items as unknown[];
    expect(log).toHaveLength(0);
  });

  it('retries 429/20429 with backoff and sends once', async () => {
    const phone = '+14155550162';
    await sms.person('Lu', phone);
    sms.fake.script({ status: 429, code: 20429 }, { status: 429, code: 20429 });
    await sms.text(phone, 'add buy stamps');
    const [reply] = await sms.textsTo(phone);
    expect(reply).toMatch(/stamps/i);
    expect(sms.fake.refused.filter((m) => m.to === phone).map((m) => m.code)).toEqual([20429, 20429]);
    await sleep(1_000);
    expect(sms.fake.sent.filter((m) => m.to === phone)).toHaveLength(1);
  });
});
