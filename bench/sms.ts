// SMS: how fast a Twilio webhook is acknowledged (signature check, routing, idempotent record, queueing) while the
// inbound worker is busy with slow turns (a scripted model answering after BENCH_SMS_LLM_MS), beside a bare Hono
// route answering the same signed form in the same run; then how many texts a second the outbound path sends
// (idempotency record, per-number pacing booked in Redis, the real `twilio` client, delivery record) against the fake
// Twilio REST API, beside the bare `twilio` client sending the same texts.
//   BENCH_SMS_TEXTS (200) inbound texts from BENCH_SMS_PEOPLE (20) people, BENCH_SMS_LLM_MS (500),
//   BENCH_SMS_SENDS (300) outbound texts, ten at a time. Pacing is set to its maximum (1000 segments/s) so the numbers
//   show our own cost, not the per-number carrier pace (1 segment/s by default, see docs/sms.md).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { createSmsApi } from '../src/channels/sms/twilio-rest.js';
import { loadConfig } from '../src/config.js';
import { addIdentity } from '../src/domain/identities/index.js';
import { createUser } from '../src/domain/users/create-user.js';
import { updateProfile } from '../src/domain/users/update-profile.js';
import { createDeps } from '../src/main.js';
import { newMessageSid, signedForm, startFakeTwilio } from '../test/support/fake-twilio.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { percentile, report, startServices } from './support.js';

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const TEXTS = knob('BENCH_SMS_TEXTS', 200);
const PEOPLE = knob('BENCH_SMS_PEOPLE', 20);
const LLM_MS = knob('BENCH_SMS_LLM_MS', 500);
const SENDS = knob('BENCH_SMS_SENDS', 300);
const PUBLIC_URL = 'https://bench.focusforge.test';
const WEBHOOK_URL = `${PUBLIC_URL}/webhooks/twilio/sms`;
const OUR_NUMBER = '+14155550100';
const phoneOf = (person: number) => `+1415555${String(1000 + person).padStart(4, '0')}`;

/** Ten at a time, as Twilio delivers a busy number's webhooks; returns each call's milliseconds. */
const tenAtATime = async (count: number, fn: (i: number) => Promise<void>): Promise<number[]> => {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 10)
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, k) => {
        const t0 = performance.now();
        await fn(i + k);
        samples.push(performance.now() - t0);
      }),
    );
  return samples;
};

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ff-bench-sms-'));
  const services = await startServices(dataDir);
  const fake = await startFakeTwilio();
  const llm = await startScriptedOpenAiServer();
  llm.respondWith(() => ({ kind: 'text', content: 'One small step: open it.', latencyMs: LLM_MS }));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: services.mongodbUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: `ffbench_${randomBytes(4).toString('hex')}`,
    JOBS_PREFIX: `ffb${randomBytes(4).toString('hex')}`,
    MEMORY_INDEX_DIR: join(dataDir, 'index'),
    DATA_DIR: dataDir,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_PHONE_NUMBERS: OUR_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    SMS_SEGMENTS_PER_SECOND: '1000',
    LLM_BASE_URL: llm.baseUrl,
    LLM_MODEL: 'bench',
    LLM_MAX_RETRIES: '0',
  });
  const deps = await createDeps(config);
  try {
    const people: string[] = [];
    for (let p = 0; p < PEOPLE; p++) {
      const profile = await createUser(deps.domain, { name: `Person ${p}`, timezone: 'UTC' }, 'system');
      const actor = { userId: profile.id, via: 'system' } as const;
      await addIdentity(deps.domain, actor, 'sms', phoneOf(p));
      await updateProfile(deps.domain, actor, { quietHours: null });
      people.push(profile.id);
    }
    const inboundForm = (i: number) =>
      signedForm(fake.authToken, WEBHOOK_URL, [
        ['MessageSid', newMessageSid()],
        ['AccountSid', fake.accountSid],
        ['From', phoneOf(i % PEOPLE)],
        ['To', OUR_NUMBER],
        ['Body', `how do I start thing ${i}?`],
        ['NumMedia', '0'],
      ]);

    // Baseline: the same signed form to a route that only reads it and answers empty TwiML.
    const bare = new Hono();
    bare.post('/webhooks/twilio/sms', async (c) => {
      await c.req.text();
      return c.body('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 200, {
        'content-type': 'text/xml',
      });
    });
    const bareMs = await tenAtATime(TEXTS, async (i) => {
      const res = await bare.request(WEBHOOK_URL, { method: 'POST', ...inboundForm(i) });
      if (res.status !== 200) throw new Error(`bare route answered ${res.status}`);
    });

    await deps.inbound.start();
    const started = performance.now();
    const ackMs = await tenAtATime(TEXTS, async (i) => {
      const res = await deps.app.request(WEBHOOK_URL, { method: 'POST', ...inboundForm(i) });
      if (res.status !== 200) throw new Error(`text ${i} answered ${res.status}`);
    });
    await waitForSent(fake.sent, TEXTS, 600_000);
    const allRepliesS = (performance.now() - started) / 1000;

    const sender = deps.channels.senders.get('sms');
    if (!sender) throw new Error('the SMS channel is not configured');
    const before = fake.sent.length;
    const sendsStarted = performance.now();
    const sendMs = await tenAtATime(SENDS, async (i) => {
      const person = i % PEOPLE;
      await sender.send(
        { userId: people[person]!, name: `Person ${person}`, address: phoneOf(person) },
        {
          kind: 'reminder',
          title: 'Reminder',
          text: `"Thing ${i}" is due now. Want to start with just two minutes?`,
          taskId: null,
          actions: [],
          data: {},
        },
        `bench-send-${i}`,
      );
    });
    const sendsS = (performance.now() - sendsStarted) / 1000;
    if (fake.sent.length - before !== SENDS)
      throw new Error(`${fake.sent.length - before} of ${SENDS} sends reached the fake API`);

    // Baseline: the bare `twilio` client posting the same texts, without idempotency records or pacing.
    const api = createSmsApi(config.sms!);
    const sdkStarted = performance.now();
    await tenAtATime(SENDS, async (i) => {
      await api.send({
        to: phoneOf(i % PEOPLE),
        from: OUR_NUMBER,
        body: `"Thing ${i}" is due now. Want to start with just two minutes?`,
        statusCallback: undefined,
      });
    });
    const sdkS = (performance.now() - sdkStarted) / 1000;

    await report('sms', {
      texts: TEXTS,
      llm_latency_ms: LLM_MS,
      baseline_bare_route_ack_p50_ms: percentile(bareMs, 50),
      baseline_bare_route_ack_p99_ms: percentile(bareMs, 99),
      ack_worker_busy_p50_ms: percentile(ackMs, 50),
      ack_worker_busy_p99_ms: percentile(ackMs, 99),
      ack_worker_busy_max_ms: Math.max(...ackMs),
      all_replies_s: allRepliesS,
      replies_per_s: TEXTS / allRepliesS,
      sends: SENDS,
      baseline_sdk_only_sends_per_s: SENDS / sdkS,
      sends_per_s: SENDS / sendsS,
      send_p50_ms: percentile(sendMs, 50),
      send_p99_ms: percentile(sendMs, 99),
    });
  } finally {
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    await fake.close();
    await llm.close();
    for (const service of services.started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** Waits until the fake API has accepted `count` texts. */
const waitForSent = async (sent: unknown[], count: number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (sent.length < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${sent.length} of ${count} replies after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
