import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_INSTALLATIONS } from '../src/channels/slack/workspaces.js';
import { eventually } from './support/jobs-env.js';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { createSlackTestEnv, TEAM, type SlackTestEnv } from './support/slack-env.js';
import { zoneAtNoon } from './support/clock.js';

let s: SlackTestEnv;
let llm: ScriptedOpenAiServer;
const BOB = 'U0BOB001';
const DM = 'D0BOB001';

beforeAll(async () => {
  llm = await startScriptedOpenAiServer();
  s = await createSlackTestEnv({
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: '1234.5678',
    SLACK_CLIENT_SECRET: 'client-secret-for-tests',
    SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
    SLACK_TOKEN_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'https://focus.example.org',
    LLM_BASE_URL: llm.baseUrl,
    LLM_MODEL: 'slow-model',
    LLM_MAX_RETRIES: '0',
  });
  s.fake.users.set(BOB, { id: BOB, tz: zoneAtNoon(), realName: 'Bob Example' });
});
afterAll(async () => {
  await s?.close();
  await llm?.close();
});

/** The whole install flow in one browser: /slack/install, then Slack's redirect back with a good code. */
const installTeam = async () => {
  const install = await s.env.app.request('/slack/install');
  const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
  const link = /href="([^"]+)"/.exec(await install.text())![1]!.replace(/&amp;/g, '&');
  const state = new URL(link).searchParams.get('state')!;
  const done = await s.env.app.request(`/slack/oauth_redirect?code=good-code&state=${state}`, {
    headers: { cookie },
  });
  expect(done.status).toBe(200);
};

const installations = () =>
  s.env.database.db.collection<{ _id: string; sealed: string }>(SLACK_INSTALLATIONS);

describe('Slack workspaces (OAuth install)', () => {
  it('installs a team: signed state bound to the browser, code exchanged, token stored encrypted', async () => {
    const install = await s.env.app.request('/slack/install');
    expect(install.status).toBe(200);
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    const link = /href="([^"]+)"/.exec(await install.text())![1]!.replace(/&amp;/g, '&');
    const state = new URL(link).searchParams.get('state')!;
    expect(new URL(link).searchParams.get('redirect_uri')).toBe(
      'https://focus.example.org/slack/oauth_redirect',
    );

    const wrongBrowser = await s.env.app.request(`/slack/oauth_redirect?code=good-code&state=${state}`);
    expect(wrongBrowser.status).toBe(403);
    const badCode = await s.env.app.request(`/slack/oauth_redirect?code=bad&state=${state}`, {
      headers: { cookie },
    });
    expect(badCode.status).toBe(400);
    expect(await installations().countDocuments()).toBe(0);

    const done = await s.env.app.request(`/slack/oauth_redirect?code=good-code&state=${state}`, {
      headers: { cookie },
    });
    expect(done.status).toBe(200);
    const stored = await installations().findOne({ _id: TEAM });
    expect(stored?.sealed).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain('xoxb-');
    const bot = await s.env.channels.get('slack');
    expect(bot).toBeDefined();
  });

  it('acks an event within 3 s while a slow model answers, then replies with the installed token', async () => {
    llm.respondWith(() => ({ kind: 'text', content: 'Hi Bob, one small step at a time.', latencyMs: 4_000 }));
    const started = Date.now();
    const res = await s.event('EvW1', {
      type: 'message',
      channel_type: 'im',
      channel: DM,
      user: BOB,
      text: 'hello there, how do I start my day?',
      ts: '1700200000.000100',
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    const [reply] = await s.fake.waitFor('chat.postMessage', 1, 30_000);
    expect(reply!.args.channel).toBe(DM);
    expect(reply!.token).toMatch(/^xoxb-installed-/);
    // The App Home refresh that follows a first reply, so later tests count only their own calls.
    const [home] = await s.fake.waitFor('views.publish', 1);
    expect(home!.args.user_id).toBe(BOB);
  });

  it('forgets the team on app_uninstalled; its later events get 200 and are dropped, logged once', async () => {
    expect((await s.event('EvW2', { type: 'app_uninstalled' })).status).toBe(200);
    await eventually('the installation removed', async () => (await installations().countDocuments()) === 0);
    const before = s.fake.calls.length;
    const logsBefore = s.logs.length;
    const message = (n: number) => ({
      type: 'message',
      channel_type: 'im',
      channel: DM,
      user: BOB,
      text: 'still there?',
      ts: `170020000${n}.000100`,
    });
    // A 5xx would make Slack retry for hours and then disable the app: the event is answered and dropped.
    expect((await s.event('EvW3', message(1))).status).toBe(200);
    expect((await s.event('EvW3', message(1), { 'x-slack-retry-num': '1' })).status).toBe(200);
    expect((await s.event('EvW4', message(2))).status).toBe(200);
    const press = await s.press({
      user: { id: BOB },
      channel: { id: DM },
      container: { type: 'message', message_ts: '1700200009.000100', channel_id: DM },
      message: { ts: '1700200009.000100', text: 'card' },
      trigger_id: 'trig-gone',
      actions: [{ type: 'button', action_id: 'ff_what_now', action_ts: '1' }],
    });
    expect(press.status).toBe(200);
    await sleep(500);
    expect(s.fake.calls.slice(before).map((c) => c.method)).toEqual([]);
    const newLogs = s.logs.slice(logsBefore);
    expect(
      newLogs.filter((l) => l.msg === 'slack event for a workspace without installation dropped'),
    ).toEqual([expect.objectContaining({ teamId: TEAM, level: 40 })]);
    expect(newLogs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('forgets the team on tokens_revoked for the bot token, not for a user token', async () => {
    await installTeam();
    expect(await installations().countDocuments({ _id: TEAM })).toBe(1);
    const revoked = (tokens: Record<string, string[]>) =>
      s.event(`EvR${Object.keys(tokens).join('')}`, { type: 'tokens_revoked', tokens });
    expect((await revoked({ oauth: ['U0INSTALLER'] })).status).toBe(200);
    await sleep(300);
    expect(await installations().countDocuments({ _id: TEAM })).toBe(1);
    expect((await revoked({ oauth: [], bot: ['U0BOT01'] })).status).toBe(200);
    await eventually('the installation removed', async () => (await installations().countDocuments()) === 0);
    // The revoked token is never used again: the next message is dropped without a Web API call.
    const before = s.fake.calls.length;
    const res = await s.event('EvR5', {
      type: 'message',
      channel_type: 'im',
      channel: DM,
      user: BOB,
      text: 'hello again',
      ts: '1700200020.000100',
    });
    expect(res.status).toBe(200);
    await sleep(300);
    expect(s.fake.calls.slice(before).map((c) => c.method)).toEqual([]);
  });
});
