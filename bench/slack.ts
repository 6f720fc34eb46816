// Slack: how fast an event is acknowledged (verification, dedupe, identity, queueing) while the inbound worker is
// busy with slow turns (a scripted model answering after BENCH_SLACK_LLM_MS), against the fake Slack Web API.
// Reports ack p50/p99 in milliseconds and how long all replies took to arrive.
//   BENCH_SLACK_EVENTS (200) events from BENCH_SLACK_PEOPLE (20) people, BENCH_SLACK_LLM_MS (500).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/main.js';
import { signSlackRequest, startFakeSlack } from '../test/support/fake-slack.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { percentile, report, startServices } from './support.js';

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const EVENTS = knob('BENCH_SLACK_EVENTS', 200);
const PEOPLE = knob('BENCH_SLACK_PEOPLE', 20);
const LLM_MS = knob('BENCH_SLACK_LLM_MS', 500);
const SECRET = 'bench-signing-secret';

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ff-bench-slack-'));
  const services = await startServices(dataDir);
  const fake = await startFakeSlack();
  const llm = await startScriptedOpenAiServer();
  llm.respondWith(() => ({ kind: 'text', content: 'One small step: open it.', latencyMs: LLM_MS }));
  for (let p = 0; p < PEOPLE; p++)
    fake.users.set(`U0P${p}`, { id: `U0P${p}`, tz: 'UTC', realName: `Person ${p}` });
  const deps = await createDeps(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_URI: services.mongodbUri,
      REDIS_URL: services.redisUrl,
      MONGODB_DB: `ffbench_${randomBytes(4).toString('hex')}`,
      JOBS_PREFIX: `ffb${randomBytes(4).toString('hex')}`,
      MEMORY_INDEX_DIR: join(dataDir, 'index'),
      DATA_DIR: dataDir,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: fake.apiUrl,
      LLM_BASE_URL: llm.baseUrl,
      LLM_MODEL: 'bench',
      LLM_MAX_RETRIES: '0',
    }),
  );
  try {
    await deps.inbound.start();
    const ackMs: number[] = [];
    const started = performance.now();
    const send = async (i: number) => {
      const person = i % PEOPLE;
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: 'T0FAKE1',
        event_id: `EvB${i}`,
        event: {
          type: 'message',
          channel_type: 'im',
          channel: `D0P${person}`,
          user: `U0P${person}`,
          text: `how do I start thing ${i}?`,
          ts: `${1_700_000_000 + i}.000100`,
        },
      });
      const t0 = performance.now();
      const res = await deps.app.request('/slack/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, body) },
        body,
      });
      ackMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`event ${i} answered ${res.status}`);
    };
    // Ten senders at a time, as Slack would deliver a busy workspace's events.
    for (let i = 0; i < EVENTS; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, EVENTS - i) }, (_, k) => send(i + k)));
    await fake.waitFor('chat.postMessage', EVENTS, 600_000);
    await report('slack', {
      events: EVENTS,
      llm_latency_ms: LLM_MS,
      ack_p50_ms: percentile(ackMs, 50),
      ack_p99_ms: percentile(ackMs, 99),
      ack_max_ms: Math.max(...ackMs),
      all_replies_s: (performance.now() - started) / 1000,
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
