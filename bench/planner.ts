// The planner's own time per conversation turn: wall time minus the time spent waiting for the LLM (a local
// scripted server answering at once: zero model latency, only the client and HTTP) and for tool execution (our
// MCP tools over the in-process link). What remains is the graph, the checkpointer, memory context and turn
// bookkeeping. p50/p99 in milliseconds, for LLM turns with one tool call, LLM turns without tools, and basic mode.
// "own" ends when the reply is stored and handed to the channel; "own_until_settled" also counts what follows it
// on the thread (the remember step and the checkpoint save; memory writes run after that, in the background).
// Uses MONGODB_URI / REDIS_URL when set; otherwise starts a throw-away FerretDB and Redis.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../src/domain/users/create-user.js';
import { createDeps, type Deps } from '../src/main.js';
import type { ConverseOptions, TurnStats } from '../src/planner/index.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { loadConfig } from '../src/config.js';
import { percentile, report, startServices } from './support.js';

const ITERATIONS = Number(process.env.BENCH_PLANNER_ITERATIONS ?? 200);
const WARMUP = 20;
const PEOPLE = 10;

/** Runs turns for PEOPLE people in turn (one thread each); the stats of every measured turn. */
const measure = async (deps: Deps, label: string, textFor: (i: number) => string): Promise<TurnStats[]> => {
  const people: string[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    people.push(
      (await createUser(deps.domain, { name: `${label} ${p}`, timezone: 'Europe/Berlin' }, 'system')).id,
    );
  }
  const samples: TurnStats[] = [];
  for (let i = -WARMUP; i < ITERATIONS; i++) {
    const userId = people[(i + WARMUP) % PEOPLE]!;
    let stats: TurnStats | undefined;
    const options: ConverseOptions = { onStats: (s) => (stats = s) };
    const conversation = deps.conversations.converse(
      {
        userId,
        channel: 'web',
        threadId: `bench-${label}`,
        messageId: `${label}-${i}`,
        message: { text: textFor(i) },
      },
      options,
    );
    for await (const event of conversation.events) if (event.type === 'error') throw new Error(event.message);
    await conversation.reply;
    // Memory writes and usage records finish after the reply; let them, so the next turn is measured on its own.
    await deps.conversations.idle();
    if (i >= 0 && stats) samples.push(stats);
  }
  return samples;
};

const summary = (name: string, samples: TurnStats[]): Record<string, number> => {
  const own = samples.map((s) => s.totalMs - s.llmMs - s.toolMs);
  const settled = samples.map((s) => s.settledMs - s.llmMs - s.toolMs);
  const total = samples.map((s) => s.totalMs);
  return {
    [`${name}_own_p50_ms`]: percentile(own, 50),
    [`${name}_own_p99_ms`]: percentile(own, 99),
    [`${name}_own_until_settled_p50_ms`]: percentile(settled, 50),
    [`${name}_own_until_settled_p99_ms`]: percentile(settled, 99),
    [`${name}_total_p50_ms`]: percentile(total, 50),
    [`${name}_total_p99_ms`]: percentile(total, 99),
    [`${name}_llm_p50_ms`]: percentile(
      samples.map((s) => s.llmMs),
      50,
    ),
    [`${name}_tools_p50_ms`]: percentile(
      samples.map((s) => s.toolMs),
      50,
    ),
  };
};

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-planner-'));
  const { mongodbUri, redisUrl, started } = await startServices(dataDir);
  const server = await startScriptedOpenAiServer();
  // Zero-latency model: a create_task call for "add ..." messages, then (or otherwise) a short answer.
  server.respondWith((request) => {
    const last = request.messages.at(-1);
    const text = typeof last?.content === 'string' ? last.content : '';
    if (last?.role === 'user' && text.startsWith('add '))
      return { kind: 'tool_call', name: 'create_task', args: { title: text.slice(4, 100) } };
    return { kind: 'text', content: 'Done. One small step at a time, you are doing great.' };
  });
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MONGODB_URI: mongodbUri,
    REDIS_URL: redisUrl,
  };
  const withLlm = await createDeps(
    loadConfig({
      ...common,
      MONGODB_DB: `bench_planner_${randomBytes(4).toString('hex')}`,
      MEMORY_INDEX_DIR: join(dataDir, 'index-llm'),
      LLM_BASE_URL: server.baseUrl,
      LLM_MODEL: 'bench',
      LLM_MAX_RETRIES: '0',
    }),
  );
  const basic = await createDeps(
    loadConfig({
      ...common,
      MONGODB_DB: `bench_planner_${randomBytes(4).toString('hex')}`,
      MEMORY_INDEX_DIR: join(dataDir, 'index-basic'),
    }),
  );
  try {
    const toolTurns = await measure(withLlm, 'llm-tool', (i) => `add water the plants ${i}`);
    const textTurns = await measure(withLlm, 'llm-text', () => 'how am I doing?');
    const basicTurns = await measure(basic, 'basic', (i) =>
      i % 2 === 0 ? `add task: water the plants ${i}` : 'show my tasks',
    );
    await report('planner', {
      ...summary('llm_tool_turn', toolTurns),
      ...summary('llm_text_turn', textTurns),
      ...summary('basic_turn', basicTurns),
      turns_per_case: ITERATIONS,
    });
  } finally {
    for (const deps of [withLlm, basic]) {
      await deps.database.db.dropDatabase().catch(() => undefined);
      await deps.close();
    }
    await server.close();
    for (const service of started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
