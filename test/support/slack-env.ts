import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/logger.js';
import { createJobsTestEnv } from './jobs-env.js';
import { signSlackRequest, startFakeSlack, type FakeSlack } from './fake-slack.js';
import type { TestEnv } from './test-env.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0FAKE1';
export const BOT = 'U0BOT01';

export type SlackTestEnv = {
  env: TestEnv;
  fake: FakeSlack;
  /** Every log line the app wrote (info and up), parsed, oldest first. */
  logs: Record<string, unknown>[];
  /** POSTs a raw body to /slack/events, signed unless `headers` override it. */
  post: (
    rawBody: string,
    options?: { contentType?: string; headers?: Record<string, string>; timestamp?: number },
  ) => Promise<Response>;
  /** An Events API callback around `event`. */
  event: (
    eventId: string,
    event: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  /** A button press (interactivity payload, form-encoded) on a message the fake recorded. */
  press: (payload: Record<string, unknown>) => Promise<Response>;
  /** A slash command (form-encoded). */
  command: (fields: Record<string, string>) => Promise<Response>;
  close: () => Promise<void>;
};

/** The real app with Slack configured against a local fake Web API, its jobs and inbound worker running. */
export const createSlackTestEnv = async (extraEnv: Record<string, string> = {}): Promise<SlackTestEnv> => {
  const fake = await startFakeSlack({ teamId: TEAM, botUserId: BOT });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const env = await createJobsTestEnv(
    { logger: createLogger('info', sink) },
    {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: fake.apiUrl,
      ...extraEnv,
    },
  );
  await env.inbound.start();
  await env.jobs.start();
  const post: SlackTestEnv['post'] = (rawBody, options = {}) =>
    Promise.resolve(
      env.app.request('/slack/events', {
        method: 'POST',
        headers: {
          'content-type': options.contentType ?? 'application/json',
          ...signSlackRequest(SIGNING_SECRET, rawBody, options.timestamp),
          ...options.headers,
        },
        body: rawBody,
      }),
    );
  return {
    env,
    fake,
    logs,
    post,
    event: (eventId, event, headers = {}) =>
      post(
        JSON.stringify({
          type: 'event_callback',
          team_id: TEAM,
          api_app_id: 'A0APP01',
          event_id: eventId,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: TEAM, user_id: BOT, is_bot: true }],
          event,
        }),
        { headers },
      ),
    press: (payload) =>
      post(
        `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: TEAM }, ...payload }))}`,
        {
          contentType: 'application/x-www-form-urlencoded',
        },
      ),
    command: (fields) =>
      post(new URLSearchParams({ team_id: TEAM, command: '/focus', ...fields }).toString(), {
        contentType: 'application/x-www-form-urlencoded',
      }),
    close: async () => {
      await env.close();
      await fake.close();
    },
  };
};
