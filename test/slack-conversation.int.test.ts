import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotification } from '../src/domain/notifications/deliver-notification.js';
import { listTasks } from '../src/domain/tasks/index.js';
import { eventually, reminderJob } from './support/jobs-env.js';
import { BOT, createSlackTestEnv, TEAM, type SlackTestEnv } from './support/slack-env.js';
import { zoneAtNoon } from './support/clock.js';

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

    // "What now?" suggested the reminder's task, and Start started it.
    expect(JSON.parse(start!.value)).toMatchObject({ a: { type: 'start_task', taskId: task!.id } });
    expect((await pressOn(start!, cardTs)).status).toBe(200);
    const [started] = await s.fake.waitFor('chat.update', 1);
    expect(started!.args).toMatchObject({ channel: DM, ts: cardTs });
    const startedAudit = (await s.env.domain.audit.list(user!._id)).filter(
      (e) => e.action === 'task.started',
    );
    expect(startedAudit.map((e) => e.entityId)).toEqual([task!.id]);
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

  it('answers a retried event and a mention + message pair once, privately in the thread', async () => {
    const ts = nextTs();
    expect((await dm('Ev100', 'add water the plants', ts)).status).toBe(200);
    expect((await dm('Ev100', 'add water the plants', ts)).status).toBe(200);
    expect(
      (
        await s.event(
          'Ev100',
          { type: 'message', channel_type: 'im', channel: DM, user: ALICE, text: 'add water the plants', ts },
          { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        )
      ).status,
    ).toBe(200);
    const channelTs = nextTs();
    const text = `<@${BOT}> add buy stamps`;
    const mention = { channel: 'C0SHARED', user: ALICE, text, ts: channelTs };
    expect((await s.event('Ev200', { type: 'app_mention', ...mention })).status).toBe(200);
    expect((await s.event('Ev201', { type: 'message', channel_type: 'channel', ...mention })).status).toBe(
      200,
    );
    const before = postsTo(DM).length;
    const [ephemeral] = await s.fake.waitFor('chat.postEphemeral', 1);
    expect(ephemeral!.args).toMatchObject({ channel: 'C0SHARED', user: ALICE, thread_ts: channelTs });
    await eventually('the DM reply', async () => postsTo(DM).length >= before || null);
    await sleep(1_500);
    expect(s.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
    // Nothing about the person's tasks went to the shared channel in public.
    expect(postsTo('C0SHARED')).toEqual([]);
    const plants = s.fake.calls.filter((c) =>
      String(c.args.text ?? '')
        .toLowerCase()
        .includes('water the plants'),
    );
    expect(plants).toHaveLength(1);
  });

  it('answers /focus ephemerally', async () => {
    const res = await s.command({
      user_id: ALICE,
      channel_id: 'C0SHARED',
      text: 'now',
      trigger_id: 'trig-slash-1',
      response_url: `${s.fake.origin}/response/slash-1`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral' });
    const answer = await eventually('the slash answer', async () =>
      s.fake.responses.find((r) => r.path === '/response/slash-1'),
    );
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(Array.isArray(answer.body.blocks)).toBe(true);
    expect(postsTo('C0SHARED')).toEqual([]);
  });

  it('publishes App Home with top 3, points and streak when opened', async () => {
    const before = s.fake.callsOf('views.publish').length;
    expect(
      (await s.event('Ev300', { type: 'app_home_opened', user: ALICE, channel: DM, tab: 'home' })).status,
    ).toBe(200);
    const publishes = await s.fake.waitFor('views.publish', before + 1);
    const view = publishes.at(-1)!.args.view as { type: string; blocks: unknown[] };
    expect(publishes.at(-1)!.args.user_id).toBe(ALICE);
    expect(view.type).toBe('home');
    const shown = JSON.stringify(view.blocks);
    expect(shown.toLowerCase()).toContain('water the plants');
    expect(shown).toMatch(/\d+ points/);
    expect(shown).toContain('What now?');
  });

  it('answers the App Home "What now?" button in the DM, once per press', async () => {
    const before = postsTo(DM).length;
    const opens = s.fake.callsOf('conversations.open').length;
    const press = {
      user: { id: ALICE },
      container: { type: 'view', view_id: 'V0HOME1' },
      view: { id: 'V0HOME1', type: 'home' },
      trigger_id: 'trig-home-1',
      actions: [{ type: 'button', action_id: 'ff_what_now', action_ts: '1700100500.000001' }],
    };
    expect((await s.press(press)).status).toBe(200);
    expect((await s.press(press)).status).toBe(200);
    const answer = await eventually('the what-now answer', async () => postsTo(DM)[before]);
    expect(s.fake.callsOf('conversations.open')[opens]!.args.users).toBe(ALICE);
    // Alice's open tasks from earlier in this file: the answer suggests one of them, with buttons.
    expect(JSON.stringify(answer.args.blocks).toLowerCase()).toMatch(/water the plants|buy stamps/);
    expect(JSON.stringify(answer.args.blocks)).toContain('"Start"');
    await sleep(1_500);
    expect(postsTo(DM)).toHaveLength(before + 1);
  });

  it('links a Slack user to an existing account with `link CODE` in the DM', async () => {
    const DAN = 'U0DAN001';
    const DAN_DM = 'D0DAN001';
    s.fake.users.set(DAN, { id: DAN, tz: zoneAtNoon(), realName: 'Dan Example' });
    const web = await s.env.newUser('Dan on the web', zoneAtNoon());
    expect((await s.env.call(web, 'POST', '/api/v1/tasks', { title: 'Renew the passport' })).status).toBe(
      201,
    );
    const danSays = (eventId: string, text: string) =>
      s.event(eventId, {
        type: 'message',
        channel_type: 'im',
        channel: DAN_DM,
        user: DAN,
        text,
        ts: nextTs(),
      });
    const address = `${TEAM}:${DAN}`;

    // First contact made Dan a Slack-only account of his own.
    await danSays('EvL0', 'hello');
    await eventually('the first answer', async () => postsTo(DAN_DM).length === 1);
    const firstAccount = (await s.env.domain.identities.find('slack', address))!.userId;
    expect(firstAccount).not.toBe(web.userId);

    const ephemerals = () => s.fake.callsOf('chat.postEphemeral').filter((c) => c.args.channel === DAN_DM);
    await danSays('EvL1', 'link ZZZZZZZZ');
    const [refused] = await eventually('the refusal', async () => ephemerals().length === 1 && ephemerals());
    expect(String(refused!.args.text)).not.toMatch(/^Linked/);
    expect((await s.env.domain.identities.find('slack', address))!.userId).toBe(firstAccount);

    const { body: code } = await s.env.call(web, 'POST', '/api/v1/me/link-codes');
    await danSays('EvL2', `link ${String(code.code).toLowerCase()}`);
    const [, linked] = await eventually(
      'the link answer',
      async () => ephemerals().length === 2 && ephemerals(),
    );
    expect(linked!.args).toMatchObject({ user: DAN });
    expect(String(linked!.args.text)).toMatch(/^Linked/);
    expect((await s.env.domain.identities.find('slack', address))!.userId).toBe(web.userId);
    // The account first contact made is merged into the web account (issue 22), not left behind.
    expect(await s.env.domain.users.get(firstAccount)).toBeNull();

    // From now on Slack talks to the web account: its tasks, its data.
    await danSays('EvL3', 'what now?');
    const [, answer] = await eventually(
      'the answer',
      async () => postsTo(DAN_DM).length === 2 && postsTo(DAN_DM),
    );
    expect(String(answer!.args.text).toLowerCase()).toContain('renew the passport');
  });

  it('waits out a 429 and falls back to the web inbox for someone who left the workspace', async () => {
    const identity = await s.env.domain.identities.find('slack', `${TEAM}:${ALICE}`);
    const userId = identity!.userId;
    const sender = s.env.channels.senders.get('slack')!;
    const message = {
      kind: 'checkin' as const,
      title: 'Check-in',
      text: 'How is it going?',
      taskId: null,
      actions: [],
      data: {},
    };
    s.fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const before = postsTo(ALICE).length;
    const started = Date.now();
    await sender.send({ userId, name: 'Alice', address: `${TEAM}:${ALICE}` }, message, 'k-429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(postsTo(ALICE)).toHaveLength(before + 1);

    s.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    const outcome = await deliverNotification(
      { ...s.env.domain, senders: s.env.channels.senders },
      { userId, occurrenceKey: 'chk:left', message, respectQuietHours: false },
    );
    expect(outcome).toMatchObject({ outcome: 'sent', channel: 'web' });
    // The refused attempt is all Slack saw; no retry hammered it.
    expect(postsTo(ALICE)).toHaveLength(before + 2);
  });

  it('counts a reminder that fell back from Slack to the web inbox once against the nudge cap', async () => {
    const ERIN = 'U0ERIN01';
    s.fake.users.set(ERIN, { id: ERIN, tz: zoneAtNoon(), realName: 'Erin Example' });
    await s.event('EvN0', {
      type: 'message',
      channel_type: 'im',
      channel: 'D0ERIN01',
      user: ERIN,
      text: 'hello',
      ts: nextTs(),
    });
    // Her first answer is out before a Slack failure is scripted, so the failure meets the check-in.
    await eventually('the first answer', async () => postsTo('D0ERIN01').length === 1);
    const identity = (await s.env.domain.identities.find('slack', `${TEAM}:${ERIN}`))!;
    const user = (await s.env.domain.users.get(identity.userId))!;
    expect(user.preferences.preferredChannel).toBe('slack');
    await s.env.domain.users.update(user._id, {
      preferences: { ...user.preferences, maxNudgesPerDay: 2, quietHours: null },
    });
    const deliver = (occurrenceKey: string) =>
      deliverNotification(
        { ...s.env.domain, senders: s.env.channels.senders },
        {
          userId: user._id,
          occurrenceKey,
          message: {
            kind: 'checkin',
            title: 'Check-in',
            text: 'How is it going?',
            taskId: null,
            actions: [],
            data: {},
          },
        },
      );

    s.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    expect(await deliver('chk:erin:1')).toMatchObject({ outcome: 'sent', channel: 'web' });
    const slots = s.env.database.db.collection('nudge_slots');
    expect(await slots.countDocuments({ userId: user._id })).toBe(1);
    // With a cap of 2, the day's second check-in still goes out.
    expect(await deliver('chk:erin:2')).toMatchObject({ outcome: 'sent', channel: 'slack' });
    expect(await deliver('chk:erin:3')).toMatchObject({ outcome: 'deferred', reason: 'nudge_cap' });
  });
});
