import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { eventually, reminderJob } from './support/jobs-env.js';
import { createSlackTestEnv, TEAM, zoneAtNoon, type SlackTestEnv } from './support/slack-env.js';

let s: SlackTestEnv;
const ALICE = 'U0ALICE1';
const DM = 'D0ALICE1';
let tsSeq = 1_700_100_000;
const nextTs = () => `${++tsSeq}.000100`;

beforeAll(async () => {
  s = await createSlackTestEnv();
  s.fake.users.set(ALICE, { id: ALICE, tz: zoneAtNoon(), realName: 'Alice Example' });
});
afterAll(async () => {
  await s?.close();
});

const dm = (eventId: string, text: string, ts = nextTs()) =>
  s.event(eventId, { type: 'message', channel_type: 'im', channel: DM, user: ALICE, text, ts });

const postsTo = (channel: string) =>
  s.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);

describe('Slack DMs end to end', () => {
  it('refuses unsigned, wrongly signed and old requests, and answers Slack’s URL check', async () => {
    const body = JSON.stringify({ type: 'event_callback', team_id: TEAM, event_id: 'EvBad', event: {} });
    expect((await s.post(body, { headers: { 'x-slack-signature': 'v0=00' } })).status).toBe(401);
    expect((await s.post(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    const noHeaders = await s.env.app.request('/slack/events', { method: 'POST', body });
    expect(noHeaders.status).toBe(401);
    const check = await s.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }));
    expect(await check.json()).toEqual({ challenge: 'abc123' });
    expect(s.fake.calls).toEqual([]);
  });

  it('remind me → what now? → Start → Done, and the reminder arrives as a DM once', async () => {
    expect((await dm('Ev001', 'remind me to call mom at 5pm')).status).toBe(200);
    const [created] = await s.fake.waitFor('chat.postMessage', 1);
    expect(created!.args.channel).toBe(DM);
    expect(created!.token).toBe('xoxb-test-token');
    expect(String(created!.args.text).toLowerCase()).toContain('call mom');

    // First contact made an account in the person's own time zone.
    const identity = await s.env.domain.identities.find('slack', `${TEAM}:${ALICE}`);
    const user = await s.env.domain.users.get(identity!.userId);
    expect(user).toMatchObject({ name: 'Alice Example', timezone: zoneAtNoon() });
    const [task] = (await listTasks(s.env.domain, { userId: user!._id, via: 'api' })).items;
    expect(task?.title.toLowerCase()).toContain('call mom');
    expect(task?.reminders).toEqual([0]);

    expect((await dm('Ev002', 'what now?')).status).toBe(200);
    const [, card] = await s.fake.waitFor('chat.postMessage', 2);
    const buttons = (
      card!.args.blocks as {
        type: string;
        elements?: { text: { text: string }; value: string; action_id: string }[];
      }[]
    )
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.value !== undefined);
    const start = buttons.find((b) => b.text.text === 'Start');
    expect(start, JSON.stringify(card!.args.blocks)).toBeDefined();
    const cardTs = '1700000999.000001';
    const pressOn = (button: { value: string; action_id: string }, ts: string) =>
      s.press({
        user: { id: ALICE },
        channel: { id: DM },
        container: { type: 'message', message_ts: ts, channel_id: DM, is_ephemeral: false },
        message: { ts, text: 'card' },
        response_url: `${s.fake.origin}/response/1`,
        trigger_id: `trig${ts}`,
        actions: [
          { type: 'button', action_id: button.action_id, value: button.value, action_ts: `${Date.now()}` },
        ],
      });

    expect((await pressOn(start!, cardTs)).status).toBe(200);
    const [started] = await s.fake.waitFor('chat.update', 1);
    expect(started!.args).toMatchObject({ channel: DM, ts: cardTs });
    const done = ((
      started!.args.blocks as { elements?: { text: { text: string }; value: string; action_id: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.text?.text === 'Done') ?? buttons.find((b) => b.text.text === 'Done'))!;
    // The reminder for 5pm (hours away in Alice's zone): run its job now instead of waiting.
    const job = await eventually('the reminder job', () => reminderJob(s.env, task!.id, task!.dueAt!));
    await job.promote();
    const [reminder] = await eventually('the reminder DM', async () => {
      const sent = postsTo(ALICE);
      return sent.length > 0 && sent;
    });
    expect(String(reminder!.args.text).toLowerCase()).toContain('call mom');

    // A double click: two presses of one button on one card act once.
    expect((await pressOn(done, cardTs)).status).toBe(200);
    expect((await pressOn(done, cardTs)).status).toBe(200);
    const [, finished] = await s.fake.waitFor('chat.update', 2);
    expect(finished!.args).toMatchObject({ channel: DM, ts: cardTs });
    const doneTask = await s.env.domain.tasks.get(user!._id, task!.id);
    expect(doneTask?.status).toBe('done');
    await sleep(1_500);
    expect(s.fake.callsOf('chat.update')).toHaveLength(2);
    expect(postsTo(ALICE)).toHaveLength(1);
    const points = await s.env.domain.ledger.balance(user!._id);
    expect(points.balance).toBeGreaterThan(0);
  });
});
