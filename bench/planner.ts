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
import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
} from '../test/support/scripted-openai-server.js';
import { loadConfig } from '../src/config.js';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { connectInProcess } from '../src/tools/index.js';
import { percentile, report, startServices } from './support.js';

// Prompt size (issue 16): every LLM request the scripted server received over varied turns, counted with the
// o200k_base tokenizer (GPT-4o's; other models' tokenizers count somewhat differently, so read it as an estimate)
// and as characters / 4. "all_tools" is the same request with every tool bound with its full MCP schema, as the
// planner sent it before toolsets: the baseline, computed from the same turns in the same run.

/** Varied turns: several phrasings of every intent the understanding knows, and some it does not. */
const PROMPT_TURNS = [
  'remind me to call mom at 5',
  'add buy milk',
  "don't let me forget the dentist on friday",
  'I need to email Sam the draft tomorrow morning',
  "what's on my list today?",
  'show my tasks',
  'anything overdue?',
  'done with taxes',
  'I finally did the laundry',
  'mark the report as done',
  'snooze that for 10 minutes',
  'not now, later',
  'move the dentist to friday',
  'push the report to next week',
  "I'm feeling really tired",
  'ugh, so overwhelmed today',
  'how has my mood been this week?',
  'break the tax return down into steps',
  'this task is too big, help me split it',
  "I can't get myself to start the essay",
  'motivate me to do the dishes',
  'how many points do I have?',
  "what's my streak?",
  'redeem the coffee reward',
  'add a new reward: a movie night for 200 points',
  'remember that I work best after 8pm',
  'what do you know about me?',
  'forget that I hate mornings',
  'what can you do?',
  'plan my day',
  'how did today go? review my day',
  'what should I do now?',
  'I have 20 minutes, what next?',
  'start a 25 minute focus session',
  'stop the timer',
  'change my time zone to Europe/Paris',
  'delete the gym task',
  'I want a fresh start, everything is overdue',
  'hmm, so about that thing',
  'thanks!',
] as const;

const encoder = new Tiktoken(o200kBase);

/** What a chat request puts in front of the model: its messages and its tool definitions. */
const promptOf = (request: ChatRequest, tools: unknown): string =>
  JSON.stringify({ messages: request.messages, tools });

type PromptSize = { tokens: number; chars: number; allToolsTokens: number; allToolsChars: number };

/** One request's size as sent, and as it would be with `allTools` (OpenAI function definitions) bound instead. */
const promptSize = (request: ChatRequest, allTools: unknown[]): PromptSize => {
  const sent = promptOf(request, request.tools ?? []);
  const baseline = promptOf(request, allTools);
  return {
    tokens: encoder.encode(sent).length,
    chars: sent.length,
    allToolsTokens: encoder.encode(baseline).length,
    allToolsChars: baseline.length,
  };
};

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

const PROMPT_PEOPLE = 3;

/** The person's full tool list as OpenAI function definitions: what every request carried before toolsets. */
const allToolDefinitions = async (deps: Deps, userId: string): Promise<unknown[]> => {
  const { domain, logger, agents, memory } = deps;
  const scheduler = deps.jobs.scheduler;
  const mcp = await connectInProcess({
    actor: { userId, via: 'chat' },
    domain,
    logger,
    agents,
    memory,
    scheduler,
  });
  try {
    const { tools } = await mcp.client.listTools();
    return tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description ?? '', parameters: tool.inputSchema },
    }));
  } finally {
    await mcp.close();
  }
};

/** Every phrasing, for a few people in one thread each (so history and memory build up); one size per request. */
const measurePrompts = async (deps: Deps, server: ScriptedOpenAiServer): Promise<PromptSize[]> => {
  server.respondWith((request) => {
    const last = request.messages.at(-1);
    const text = typeof last?.content === 'string' ? last.content : '';
    if (last?.role === 'user' && /^(?:add |remind me|don't let me forget)/.test(text))
      return { kind: 'tool_call', name: 'create_task', args: { title: text.slice(0, 100) } };
    if (last?.role === 'user' && /^(?:done with|i finally did|mark )/i.test(text))
      return { kind: 'tool_call', name: 'list_tasks', args: {} };
    return { kind: 'text', content: 'Okay. One small step at a time.' };
  });
  const before = server.chatRequests().length;
  let allTools: unknown[] = [];
  for (let p = 0; p < PROMPT_PEOPLE; p++) {
    const userId = (
      await createUser(deps.domain, { name: `prompts ${p}`, timezone: 'Europe/Berlin' }, 'system')
    ).id;
    if (p === 0) allTools = await allToolDefinitions(deps, userId);
    for (let i = 0; i < PROMPT_TURNS.length; i++) {
      const text = PROMPT_TURNS[(i + p * 7) % PROMPT_TURNS.length]!;
      const conversation = deps.conversations.converse({
        userId,
        channel: 'web',
        threadId: `bench-prompts-${p}`,
        messageId: `prompts-${p}-${i}`,
        message: { text },
      });
      for await (const event of conversation.events)
        if (event.type === 'error') throw new Error(event.message);
      await conversation.reply;
      await deps.conversations.idle();
    }
  }
  return server
    .chatRequests()
    .slice(before)
    .map((request) => promptSize(request, allTools));
};

const promptSummary = (sizes: PromptSize[]): Record<string, number> => ({
  prompt_tokens_p50: percentile(
    sizes.map((s) => s.tokens),
    50,
  ),
  prompt_tokens_p95: percentile(
    sizes.map((s) => s.tokens),
    95,
  ),
  prompt_tokens_max: Math.max(...sizes.map((s) => s.tokens)),
  prompt_chars_div4_p95: percentile(
    sizes.map((s) => s.chars / 4),
    95,
  ),
  prompt_tokens_all_tools_p50: percentile(
    sizes.map((s) => s.allToolsTokens),
    50,
  ),
  prompt_tokens_all_tools_p95: percentile(
    sizes.map((s) => s.allToolsTokens),
    95,
  ),
  prompt_chars_div4_all_tools_p95: percentile(
    sizes.map((s) => s.allToolsChars / 4),
    95,
  ),
  prompt_requests: sizes.length,
});

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
    const promptSizes = await measurePrompts(withLlm, server);
    const basicTurns = await measure(basic, 'basic', (i) =>
      i % 2 === 0 ? `add task: water the plants ${i}` : 'show my tasks',
    );
    await report('planner', {
      ...summary('llm_tool_turn', toolTurns),
      ...summary('llm_text_turn', textTurns),
      ...summary('basic_turn', basicTurns),
      turns_per_case: ITERATIONS,
      ...promptSummary(promptSizes),
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
