// Agents: offline chain latency (basic mode answers on the request path) and the LLM client's own overhead
// against a local scripted server (no model time), p50/p95 in milliseconds.
import { readFile } from 'node:fs/promises';
import { createLogger } from '../src/shared/logger.js';
import { createLlmProvider } from '../src/agents/index.js';
import { BreakdownDraftSchema } from '../src/agents/chains/breakdown/schema.js';
import { offlineBreakdown } from '../src/agents/chains/breakdown/offline.js';
import { neutralPace } from '../src/agents/chains/breakdown/pace.js';
import { offlineProofCheck } from '../src/agents/chains/proof/offline.js';
import { understand } from '../src/agents/chains/understanding/understand.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/shared/clock.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { percentile, report, timeIt } from './support.js';

const ITERATIONS = Number(process.env.BENCH_AGENTS_ITERATIONS ?? 2_000);

export const run = async (): Promise<void> => {
  const data = JSON.parse(await readFile(new URL('../evals/utterances.json', import.meta.url), 'utf8')) as {
    utterances: { text: string }[];
  };
  const tasks = JSON.parse(
    await readFile(new URL('../evals/breakdown-tasks.json', import.meta.url), 'utf8'),
  ) as { title: string }[];
  const options = { now: new Date('2025-03-10T14:00:00Z'), timezone: 'America/New_York' };

  const understandMs = await timeIt(ITERATIONS, (i) =>
    understand(data.utterances[i % data.utterances.length]!.text, options),
  );
  const breakdownMs = await timeIt(ITERATIONS, (i) =>
    offlineBreakdown({ title: tasks[i % tasks.length]!.title, granularity: (i % 5) + 1 }, neutralPace),
  );
  const proofMs = await timeIt(ITERATIONS, (i) =>
    offlineProofCheck({
      task: { title: tasks[i % tasks.length]!.title },
      evidence: {
        kind: 'text',
        text: 'Finished it this morning, took about 40 minutes and sent the result at 10:15.',
      },
    }),
  );

  const server = await startScriptedOpenAiServer();
  const body = {
    steps: [
      { title: 'Open it', minutes: 1 },
      { title: 'Do the first part', minutes: 10 },
      { title: 'Do the rest', minutes: 20 },
    ],
    note: 'ok',
  };
  server.respondWith(() => ({ kind: 'json', body }));
  const config = loadConfig({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'bench', LLM_MAX_RETRIES: '0' }).llm;
  const usage = {
    record: async () => undefined,
    summarize: async () => {
      throw new Error('unused');
    },
    list: async () => [],
  };
  const provider = createLlmProvider({ config, usage, logger: createLogger('silent'), clock: systemClock });
  const request = {
    purpose: 'breakdown' as const,
    userId: 'bench',
    name: 'task_breakdown',
    description: 'steps',
    schema: BreakdownDraftSchema,
    system: 'Break it down.',
    user: 'Clean the garage',
  };
  const llmMs = await timeIt(Math.min(ITERATIONS, 500), () => provider.generateStructured(request));
  await server.close();

  await report('agents', {
    understand_p50_ms: percentile(understandMs, 50),
    understand_p95_ms: percentile(understandMs, 95),
    offline_breakdown_p50_ms: percentile(breakdownMs, 50),
    offline_breakdown_p95_ms: percentile(breakdownMs, 95),
    offline_proof_p50_ms: percentile(proofMs, 50),
    offline_proof_p95_ms: percentile(proofMs, 95),
    llm_client_roundtrip_p50_ms: percentile(llmMs, 50),
    llm_client_roundtrip_p95_ms: percentile(llmMs, 95),
  });
};
