import { inject } from 'vitest';
import { addIdentity } from '../../src/domain/identities/index.js';
import { updateProfile } from '../../src/domain/users/update-profile.js';
import { createJobsTestEnv, eventually } from './jobs-env.js';
import { newMessageSid, signedForm, startFakeTwilio, type FakeTwilio } from './fake-twilio.js';
import type { TestEnv, TestUser } from './test-env.js';

export const PUBLIC_URL = 'https://focus.example.test';
export const OUR_NUMBER = '+14155550100';
export const WEBHOOK_URL = `${PUBLIC_URL}/webhooks/twilio/sms`;
export const STATUS_URL = `${PUBLIC_URL}/webhooks/twilio/status`;

export type SmsTestEnv = {
  env: TestEnv;
  fake: FakeTwilio;
  /** Posts a Twilio-signed inbound text to the real app; returns the response. */
  text: (from: string, body: string, extra?: [string, string][], sid?: string) => Promise<Response>;
  /** Posts signed params to a webhook path. */
  post: (url: string, params: [string, string][], requestUrl?: string) => Promise<Response>;
  /** A person with a linked phone, no quiet hours. */
  person: (name: string, phone: string, prefs?: Record<string, unknown>) => Promise<TestUser>;
  /** Texts sent to `phone` (waits until there are `count`). */
  textsTo: (phone: string, count?: number, timeoutMs?: number) => Promise<string[]>;
  close: () => Promise<void>;
};

/** The real app with the SMS channel pointed at a fake Twilio REST API, workers running. */
export const createSmsTestEnv = async (
  env: Record<string, string> = {},
  { runWorkers = true } = {},
): Promise<SmsTestEnv> => {
  const fake = await startFakeTwilio();
  const app = await createJobsTestEnv(
    {},
    {
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_PHONE_NUMBERS: OUR_NUMBER,
      TWILIO_API_BASE_URL: fake.url,
      SMS_SEGMENTS_PER_SECOND: '100',
      ...env,
    },
  );
  if (runWorkers) await Promise.all([app.jobs.start(), app.inbound.start()]);
  const post = async (url: string, params: [string, string][], requestUrl = url) =>
    app.app.request(requestUrl, { method: 'POST', ...signedForm(fake.authToken, url, params) });
  return {
    env: app,
    fake,
    post,
    text: (from, body, extra = [], sid = newMessageSid()) =>
      post(WEBHOOK_URL, [
        ...(
          [
            ['MessageSid', sid],
            ['AccountSid', fake.accountSid],
            ['From', from],
            ['To', OUR_NUMBER],
            ['Body', body],
            ['NumMedia', '0'],
          ] as [string, string][]
        ).filter(([name]) => !extra.some(([other]) => other === name)),
        ...extra,
      ]),
    person: async (name, phone, prefs = {}) => {
      const user = await app.newUser(name);
      await addIdentity(app.domain, { userId: user.userId, via: 'cli' }, 'sms', phone);
      await updateProfile(app.domain, { userId: user.userId, via: 'cli' }, { quietHours: null, ...prefs });
      return user;
    },
    textsTo: async (phone, count = 1, timeoutMs = 20_000) =>
      (
        await eventually(
          `${count} text(s) to ${phone}`,
          async () => {
            const texts = fake.sent.filter((m) => m.to === phone);
            return texts.length >= count ? texts : null;
          },
          timeoutMs,
        )
      ).map((m) => m.body),
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
};

/**
 * The environment of a `focusforge worker` process spawned beside `sms`: same database, Redis prefix and fake
 * Twilio; `extra` adds or overrides settings (lock time, pace, the model).
 */
export const smsWorkerEnv = (sms: SmsTestEnv, extra: Record<string, string> = {}) => ({
  MONGODB_URI: inject('mongodbUri'),
  REDIS_URL: inject('redisUrl'),
  MONGODB_DB: sms.env.config.mongodbDb,
  JOBS_PREFIX: sms.env.config.jobs.prefix,
  LOG_LEVEL: 'error',
  PUBLIC_URL,
  TWILIO_ACCOUNT_SID: sms.fake.accountSid,
  TWILIO_AUTH_TOKEN: sms.fake.authToken,
  TWILIO_PHONE_NUMBERS: OUR_NUMBER,
  TWILIO_API_BASE_URL: sms.fake.url,
  ...extra,
});
