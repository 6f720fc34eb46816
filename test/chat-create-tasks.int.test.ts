import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domain/tokens/api-tokens.js';
import { createJobsTestEnv, eventually, reminderJob } from './support/jobs-env.js';
import type { TestEnv } from './support/test-env.js';

// Making tasks from web chat in basic mode (issue 15): what lands in MongoDB (title, due, all-day, repeat rule,
// reminders) and in the reminder queue, for the sentences people actually type.

const ZONE = 'Europe/Berlin';
let env: TestEnv;
beforeAll(async () => {
  env = await createJobsTestEnv({}, { CHAT_RATE_LIMIT_MESSAGES: '50' });
  await env.jobs.start();
});
afterAll(async () => {
  await env?.close();
});

type TaskRow = {
  _id: string;
  title: string;
  dueAt: Date | null;
  dueDate: string | null;
  recurrence: string | null;
  reminders: number[];
};

const post = (path: string, body: unknown, token?: string) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

/** A new web chat person in Berlin; `say` returns the reply's text. */
const newChat = async () => {
  const res = await post('/chat/session', { timezone: ZONE });
  const { token } = (await res.json()) as { token: string };
  const userId = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string })
    .uid;
  const say = async (text: string) => {
    const reply = await post(
      '/chat/messages',
      { messageId: `m-${randomBytes(4).toString('hex')}`, message: { text } },
      token,
    );
    expect(reply.status).toBe(200);
    return (await reply.text())
      .split('\n\n')
      .map((block) => block.replace(/^data: /, ''))
      .filter((d) => d.startsWith('{'))
      .map((d) => JSON.parse(d) as { type: string; delta?: string })
      .filter((c) => c.type === 'text-delta')
      .map((c) => c.delta)
      .join('');
  };
  const tasks = () =>
    env.database.db.collection<TaskRow>('tasks').find({ userId }).sort({ createdAt: 1 }).toArray();
  return { say, tasks, userId };
};

const local = (at: Date | null) => DateTime.fromJSDate(at!, { zone: ZONE });
const today = () => DateTime.now().setZone(ZONE).startOf('day');
/** The next time this wall-clock time comes round in Berlin. */
const nextAt = (hour: number, minute = 0, days = 0) => {
  const at = today().plus({ days }).set({ hour, minute });
  return days === 0 && at <= DateTime.now() ? at.plus({ days: 1 }) : at;
};

describe('making tasks from chat', () => {
  it('"remind me to call mom tomorrow at 5pm": due 17:00 tomorrow, a reminder at the due time, its job queued', async () => {
    const chat = await newChat();
    const text = await chat.say('remind me to call mom tomorrow at 5pm');
    const [task] = await chat.tasks();
    expect(task).toMatchObject({ title: 'Call mom', reminders: [0], recurrence: null, dueDate: null });
    expect(local(task!.dueAt).toISO()).toBe(nextAt(17, 0, 1).toISO());
    expect(text).toContain("I'll remind you then");
    const job = await eventually('the reminder job', () =>
      reminderJob(env, task!._id, task!.dueAt!.toISOString(), 0),
    );
    expect(await job.getState()).toBe('delayed');
    expect(job.timestamp + (job.opts.delay ?? 0)).toBeCloseTo(task!.dueAt!.getTime(), -3);
  });

  it('"remind me to stretch in 2 minutes": due within 2 minutes and the reminder is delivered', async () => {
    const chat = await newChat();
    const { token } = await createApiToken(env.domain, { userId: chat.userId, via: 'cli' }, { name: 'test' });
    const me = { userId: chat.userId, token };
    // No quiet hours: the test runs at any hour, and a reminder at night would rightly wait for the morning.
    expect((await env.call(me, 'PATCH', '/api/v1/me', { quietHours: null })).status).toBe(200);
    const before = Date.now();
    await chat.say('remind me to stretch in 2 minutes');
    const [task] = await chat.tasks();
    expect(task).toMatchObject({ title: 'Stretch', reminders: [0] });
    expect(task!.dueAt!.getTime()).toBeGreaterThan(before);
    expect(task!.dueAt!.getTime()).toBeLessThanOrEqual(before + 120_000);
    const job = await eventually('the reminder job', () =>
      reminderJob(env, task!._id, task!.dueAt!.toISOString(), 0),
    );
    await job.promote(); // the two minutes, skipped: what is delivered is the point here
    const inbox = await eventually('the reminder in the inbox', async () => {
      const { items } = (await env.call({ userId: chat.userId, token }, 'GET', '/api/v1/inbox?limit=10'))
        .body as { items: { text: string }[] };
      return items.length > 0 && items;
    });
    expect(inbox[0]!.text).toContain('"Stretch" is due now');
  });

  it('repeats in words become the repeat rule, with the time as the due time', async () => {
    const chat = await newChat();
    await chat.say('every weekday at 8 take meds');
    await chat.say('team standup every monday and wednesday at 9:30am');
    const [meds, standup] = await chat.tasks();
    expect(meds).toMatchObject({ title: 'Take meds', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' });
    expect(local(meds!.dueAt).toFormat('HH:mm')).toBe('08:00');
    expect(local(meds!.dueAt).weekday).toBeLessThanOrEqual(5);
    expect(standup).toMatchObject({ title: 'Team standup', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE' });
    expect(local(standup!.dueAt).toFormat('HH:mm')).toBe('09:30');
    expect([1, 3]).toContain(local(standup!.dueAt).weekday);
  });

  it('titles keep meaningful numbers and lose the scheduling words; "in 3 weeks" is a whole day', async () => {
    const chat = await newChat();
    await chat.say("I need to write my thesis, it's due in 3 weeks");
    await chat.say('water plant number 10 tomorrow at 9am');
    const [thesis, plant] = await chat.tasks();
    expect(thesis).toMatchObject({
      title: 'Write my thesis',
      dueDate: today().plus({ weeks: 3 }).toISODate(),
    });
    expect(plant).toMatchObject({ title: 'Water plant number 10', dueDate: null });
    expect(local(plant!.dueAt).toISO()).toBe(nextAt(9, 0, 1).toISO());
  });

  it('several tasks in one message: three tasks for tomorrow, all named in the reply', async () => {
    const chat = await newChat();
    const text = await chat.say('I need to buy milk, call the dentist and email Sam tomorrow');
    const tasks = await chat.tasks();
    const tomorrow = today().plus({ days: 1 }).toISODate();
    expect(tasks.map((t) => [t.title, t.dueDate])).toEqual([
      ['Buy milk', tomorrow],
      ['Call the dentist', tomorrow],
      ['Email Sam', tomorrow],
    ]);
    for (const title of ['Buy milk', 'Call the dentist', 'Email Sam']) expect(text).toContain(`“${title}”`);
  });

  it('"remind me to call mom" asks when, and "at 5" completes the task with its reminder', async () => {
    const chat = await newChat();
    const question = await chat.say('remind me to call mom');
    expect(question).toContain('When should I remind you to call mom?');
    expect(await chat.tasks()).toEqual([]);
    await chat.say('at 5');
    const [task] = await chat.tasks();
    expect(task).toMatchObject({ title: 'Call mom', reminders: [0] });
    expect(local(task!.dueAt).toISO()).toBe(nextAt(17).toISO());
    await eventually('the reminder job', () => reminderJob(env, task!._id, task!.dueAt!.toISOString(), 0));
    // The question is answered once: a later "at 6" is not another call to mom.
    await chat.say('at 6');
    expect(await chat.tasks()).toHaveLength(1);
  });
});
