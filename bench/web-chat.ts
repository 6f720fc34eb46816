// Web chat: N concurrent streaming chats against a real `focusforge serve` process (its own Node process, so its
// memory is the server's alone), with the LLM pointed at the scripted OpenAI-compatible server answering instantly.
// Reports the time to first token the whole stack adds on top of the LLM's own (p50/p99; one chat alone and N at
// once), how long the chat layer takes to open the stream (auth, origin, rate limits: before the planner runs),
// full-turn latency, the server's RSS and heap (idle and peak), and the widget bundle's gzipped size.
//   BENCH_CHATS (50) concurrent chats, BENCH_ROUNDS (5) messages each.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config.js';
import { attachLocalServices, freePort } from '../src/dev/local-services.js';
import { loadWidgetScript } from '../src/channels/web/index.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { percentile, report } from './support.js';

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const CHATS = knob('BENCH_CHATS', 50);
const ROUNDS = knob('BENCH_ROUNDS', 5);
const REPLY = 'Sure! Let us take one small step at a time: pick the easiest part and give it five minutes.';
const PROMPTS = [
  "what's on my list?",
  'I feel stuck today',
  'help me focus for a bit',
  'what should I do next?',
  'thanks!',
];

type Turn = { headersMs: number; ttftMs: number; totalMs: number };

/** One streamed turn, timed from sending the request to the first text delta and to `[DONE]`. */
const chatTurn = async (base: string, token: string, messageId: string, text: string): Promise<Turn> => {
  const started = performance.now();
  const res = await fetch(`${base}/chat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId, message: { text } }),
  });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  const headersMs = performance.now() - started;
  let ttftMs = Number.NaN;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const bytes of res.body) {
    buffer += decoder.decode(bytes, { stream: true });
    if (Number.isNaN(ttftMs) && buffer.includes('"type":"text-delta"')) ttftMs = performance.now() - started;
  }
  if (!buffer.includes('data: [DONE]')) throw new Error('stream ended without [DONE]');
  if (Number.isNaN(ttftMs)) throw new Error(`no text in the reply: ${buffer.slice(0, 300)}`);
  return { headersMs, ttftMs, totalMs: performance.now() - started };
};

/** The LLM's own time to first token, straight from the scripted server (what the chat path adds to). */
const llmTurn = async (baseUrl: string): Promise<number> => {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  let first = Number.NaN;
  for await (const bytes of res.body!) {
    if (Number.isNaN(first) && Buffer.from(bytes).toString().includes('"content":"'))
      first = performance.now() - started;
  }
  return first;
};

const metric = (text: string, name: string) =>
  Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-webchat-'));
  const local = await attachLocalServices({
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    dataDir,
    mongodbUri: process.env.MONGODB_URI,
    redisUrl: process.env.REDIS_URL,
  });
  const llm = await startScriptedOpenAiServer();
  llm.respondWith(() => ({ kind: 'text', content: REPLY }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MONGODB_URI: local.mongodbUri,
      REDIS_URL: local.redisUrl,
      MONGODB_DB: `bench_${randomBytes(4).toString('hex')}`,
      JOBS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
      DATA_DIR: dataDir,
      RUN_WORKERS: 'false',
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'bench',
      LLM_MODEL: 'bench',
      LLM_MAX_RETRIES: '0',
      WIDGET_SECRET: randomBytes(32).toString('base64url'),
      CHAT_RATE_LIMIT_IP: '1000000',
      CHAT_RATE_LIMIT_MESSAGES: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (
        (await fetch(`${base}/health`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        break;
      if (i > 300 || server.exitCode !== null) throw new Error('the server did not start');
      await sleep(200);
    }
    const memory = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return {
        rss: metric(text, 'process_resident_memory_bytes') / 2 ** 20,
        heap: metric(text, 'nodejs_heap_size_used_bytes') / 2 ** 20,
      };
    };

    const tokens = await Promise.all(
      Array.from({ length: CHATS }, async () => {
        const res = await fetch(`${base}/chat/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        return ((await res.json()) as { token: string }).token;
      }),
    );
    // Warm-up: one turn per chat, one at a time (JIT, connection pools, first writes of each thread).
    for (const [i, token] of tokens.entries()) await chatTurn(base, token, `warm-${i}`, 'hello');
    const llmTtft: number[] = [];
    for (let i = 0; i < 200; i++) llmTtft.push(await llmTurn(llm.baseUrl));
    // One chat at a time: the latency without queueing behind other chats.
    const single: Turn[] = [];
    for (let i = 0; i < 20; i++)
      single.push(await chatTurn(base, tokens[i % CHATS]!, `single-${i}`, PROMPTS[i % PROMPTS.length]!));
    const idle = await memory();

    let peak = { rss: 0, heap: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await memory();
        peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
        await sleep(100);
      }
    })();
    const turns: Turn[] = [];
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      turns.push(
        ...(await Promise.all(
          tokens.map((token, i) => chatTurn(base, token, `r${round}-${i}`, PROMPTS[round % PROMPTS.length]!)),
        )),
      );
    }
    const elapsedS = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;

    const llmP50 = percentile(llmTtft, 50);
    const ttft = turns.map((t) => t.ttftMs);
    const widget = (await loadWidgetScript()) ?? '';
    await report('web-chat', {
      concurrent_chats: CHATS,
      turns: turns.length,
      turns_per_s: turns.length / elapsedS,
      llm_ttft_p50_ms: llmP50,
      single_added_ttft_p50_ms:
        percentile(
          single.map((t) => t.ttftMs),
          50,
        ) - llmP50,
      single_turn_p50_ms: percentile(
        single.map((t) => t.totalMs),
        50,
      ),
      // Auth, origin check, both rate-limit counters and body parsing: the chat layer's own share, before the planner.
      stream_open_p50_ms: percentile(
        turns.map((t) => t.headersMs),
        50,
      ),
      stream_open_p99_ms: percentile(
        turns.map((t) => t.headersMs),
        99,
      ),
      ttft_p50_ms: percentile(ttft, 50),
      ttft_p99_ms: percentile(ttft, 99),
      added_ttft_p50_ms: percentile(ttft, 50) - llmP50,
      added_ttft_p99_ms: percentile(ttft, 99) - llmP50,
      turn_p50_ms: percentile(
        turns.map((t) => t.totalMs),
        50,
      ),
      turn_p99_ms: percentile(
        turns.map((t) => t.totalMs),
        99,
      ),
      server_rss_idle_mb: idle.rss,
      server_rss_peak_mb: peak.rss,
      server_heap_idle_mb: idle.heap,
      server_heap_peak_mb: peak.heap,
      widget_bytes: Buffer.byteLength(widget),
      widget_gzip_bytes: gzipSync(widget).length,
    });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await llm.close();
    await local.release();
    await rm(dataDir, { recursive: true, force: true });
  }
};
