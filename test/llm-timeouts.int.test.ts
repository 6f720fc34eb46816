import { Writable } from 'node:stream';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/shared/logger.js';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// LLM_TIMEOUT_MS is the whole call: an endpoint that stalls (before or after its headers) ends in a basic-mode
// answer at about that time, the web chat stream ends with [DONE], and nothing is logged as an error. A client that
// goes away mid-turn ends the stream quietly too.

const TIMEOUT_MS = 1_500;
let server: ScriptedOpenAiServer;
let env: TestEnv;
const lines: string[] = [];

beforeAll(async () => {
  server = await startScriptedOpenAiServer();
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  env = await createTestEnv(
    { logger },
    {
      LLM_BASE_URL: server.baseUrl,
      LLM_MODEL: 'scripted-model',
      LLM_TIMEOUT_MS: String(TIMEOUT_MS),
      // The default retries: a stall is not retried, so they must not stretch the wait.
      LLM_MAX_RETRIES: '2',
    },
  );
});
beforeAll(async () => {
  // A first turn pays the process's cold costs (module loading, the memory index), so the timed turns measure waiting.
  server.enqueue({ kind: 'tool_call', name: 'create_task', args: { title: 'Warm up' } });
  server.enqueue({ kind: 'text', content: 'Added it.' });
  await (await send(await session(), 'warm-up', 'add task: warm up')).text();
  await env.conversations.idle();
  server.reset();
  lines.length = 0;
});
afterEach(() => {
  server.reset();
  lines.length = 0;
});
afterAll(async () => {
  await env?.close();
  await server?.close();
});

type Chunk = { type: string; [key: string]: unknown };

const session = async (): Promise<string> => {
  const res = await env.app.request('/chat/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { token: string }).token;
};

const send = (token: string, messageId: string, text: string) =>
  env.app.request('/chat/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messageId, message: { text } }),
  });

const parse = (raw: string) =>
  raw
    .split('\n\n')
    .filter(Boolean)
    .map((b) => b.replace(/^data: /, ''));

/** Log lines at error level or above (pino: 50 = error), and any mention of a closed stream controller. */
const problems = () =>
  lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50 || /already closed/i.test(l));

describe('LLM_TIMEOUT_MS governs the whole call', () => {
  it.each(['headers', 'nothing'] as const)(
    'an endpoint that sends %s and then stalls gets a basic-mode answer at about LLM_TIMEOUT_MS',
    async (after) => {
      server.enqueue({ kind: 'stall', after });
      const token = await session();
      const started = Date.now();
      const res = await send(token, `stall-${after}`, 'add task: water the plants');
      const data = parse(await res.text());
      const elapsed = Date.now() - started;

      expect(data.at(-1)).toBe('[DONE]');
      const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
      const text = chunks
        .filter((c) => c.type === 'text-delta')
        .map((c) => c.delta)
        .join('');
      expect(text).toMatch(/took too long/i);
      expect(text).toMatch(/water the plants/i);
      expect(chunks).toContainEqual(
        expect.objectContaining({
          type: 'message-metadata',
          messageMetadata: expect.objectContaining({ basicMode: true }),
        }),
      );
      expect(chunks.at(-1)).toEqual({ type: 'finish' });
      // One attempt, not retried, given up at LLM_TIMEOUT_MS (the log says when); basic mode's own work follows.
      expect(server.chatRequests()).toHaveLength(1);
      const gaveUp = lines
        .map((l) => JSON.parse(l) as { msg: string; time: string; reason?: string })
        .find((l) => l.msg === 'planner: LLM failed, answering in basic mode');
      expect(gaveUp?.reason).toBe('timeout');
      const waited = Date.parse(gaveUp!.time) - started;
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(waited).toBeLessThan(TIMEOUT_MS + 1_000);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 10_000); // generous: a loaded machine's tool call and reply
      await env.conversations.idle();
      expect(problems()).toEqual([]);
    },
  );

  it('a client that goes away mid-turn ends the stream without an error in the log', async () => {
    server.enqueue({ kind: 'stall', after: 'headers' });
    const token = await session();
    const res = await send(token, 'leaves-1', 'what should I do now?');
    const reader = res.body!.getReader();
    const first = await reader.read(); // the turn has started
    expect(new TextDecoder().decode(first.value)).toContain('"start"');
    await reader.cancel();
    await env.conversations.idle();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the stream's own clean-up runs after the turn
    expect(problems()).toEqual([]);
  });
});

describe('no hidden transport limit', () => {
  // Node's fetch gives up on headers after 300 s whatever LLM_TIMEOUT_MS says. The same limit, shrunk to 500 ms on
  // the process-wide dispatcher, must not cut short an answer that arrives within LLM_TIMEOUT_MS.
  const original = getGlobalDispatcher();
  beforeAll(() => setGlobalDispatcher(new Agent({ headersTimeout: 500, bodyTimeout: 500 })));
  afterAll(() => setGlobalDispatcher(original));

  it('an answer slower than the transport default but within LLM_TIMEOUT_MS is used', async () => {
    server.enqueue({ kind: 'text', content: 'Here when you need me.', latencyMs: 1_000 });
    const res = await send(await session(), 'slow-1', 'hello');
    const chunks = parse(await res.text())
      .slice(0, -1)
      .map((d) => JSON.parse(d) as Chunk);
    const text = chunks
      .filter((c) => c.type === 'text-delta')
      .map((c) => c.delta)
      .join('');
    expect(text).toBe('Here when you need me.');
    expect(chunks).toContainEqual(
      expect.objectContaining({ messageMetadata: expect.objectContaining({ basicMode: false }) }),
    );
  });
});

describe('a model that keeps stalling', () => {
  it('is not waited for again and again: after three timeouts the planner answers in basic mode at once', async () => {
    const token = await session();
    for (let i = 0; i < 3; i++) {
      server.enqueue({ kind: 'stall', after: 'headers' });
      await (await send(token, `again-${i}`, 'hello')).text();
    }
    expect(server.chatRequests()).toHaveLength(3);
    const chunks = parse(await (await send(token, 'again-4', 'add task: call the bank')).text())
      .slice(0, -1)
      .map((d) => JSON.parse(d) as Chunk);
    const text = chunks
      .filter((c) => c.type === 'text-delta')
      .map((c) => c.delta)
      .join('');
    expect(text).toMatch(/basic mode/i);
    expect(text).toMatch(/call the bank/i);
    expect(server.chatRequests()).toHaveLength(3); // not asked (nor waited for) a fourth time
  });
});
