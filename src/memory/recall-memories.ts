import type { Filter } from 'mongodb';
import type { MemoryDeps } from './memory-deps.js';
import { current, toMemoryItem, type MemoryDoc } from './memory-repo.js';
import {
  RecallInputSchema,
  type RecallInput,
  type RecallResult,
  type RecalledMemory,
  type RecalledTask,
} from './memory-schemas.js';
import { contentWords, stem } from './offline-embedder.js';

const round = (score: number) => Math.round(score * 1000) / 1000;

/** Only the best few hits count as used (for the budget's notion of value): the rest were merely nearby. */
const USED_TOP = 3;

/** Plain word overlap, for when the embeddings provider is unreachable: worse than semantic, better than nothing. */
const keywordRecall = async (
  deps: MemoryDeps,
  filter: Filter<MemoryDoc>,
  query: string,
  limit: number,
): Promise<RecalledMemory[]> => {
  const terms = new Set(contentWords(query).map(stem));
  if (terms.size === 0) return [];
  const docs = await deps.repo.find(filter, {
    limit: deps.budgets.maxLongTermPerUser + deps.budgets.maxWorkingPerUser,
  });
  return docs
    .map((doc) => {
      const words = new Set(contentWords(doc.text).map(stem));
      const shared = [...terms].filter((t) => words.has(t)).length;
      return { doc, score: shared / terms.size };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || b.doc.importance - a.doc.importance)
    .slice(0, limit)
    .map(({ doc, score }) => ({ ...toMemoryItem(doc), score: round(score) }));
};

/** Finds the acting person's memories (and optionally tasks) most related to a query, best first. */
export const recallMemories = async (
  deps: MemoryDeps,
  userId: string,
  input: RecallInput,
): Promise<RecallResult> => {
  const { query, kinds, limit, includeTasks } = RecallInputSchema.parse(input);
  const now = deps.clock.now();
  const filter = current(userId, now, kinds ? { kind: { $in: kinds } } : {});

  let queryVector: number[];
  try {
    queryVector = await deps.semantic.embedQuery(query);
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, 'embeddings unavailable; recalling by keywords');
    const memories = await keywordRecall(deps, filter, query, limit);
    await deps.repo.markUsed(
      memories.slice(0, USED_TOP).map((m) => m.id),
      now,
    );
    return { mode: 'keyword', memories, tasks: [] };
  }

  const memories = await deps.semantic.search(userId, queryVector, {
    limit,
    sources: ['memory'],
    facets: kinds,
    verify: false, // the memories themselves are re-read below, scoped to the user: the stronger check
    accept: async (hits) => {
      const ids = hits.filter((h) => h.source === 'memory').map((h) => h.sourceId);
      if (ids.length === 0) return [];
      // The memory itself is checked again (owner, not expired, not superseded, kind) before it is returned.
      const docs = await deps.repo.findCurrentByIds(userId, ids, now);
      const byId = new Map(
        docs.filter((d) => !kinds || kinds.some((k) => k === d.kind)).map((d) => [d._id, d]),
      );
      return hits.flatMap((h): RecalledMemory[] => {
        const doc = h.source === 'memory' ? byId.get(h.sourceId) : undefined;
        return doc ? [{ ...toMemoryItem(doc), score: round(h.score) }] : [];
      });
    },
  });
  const tasks = includeTasks
    ? await deps.semantic.search(userId, queryVector, {
        limit,
        sources: ['task'],
        accept: async (hits) =>
          hits.flatMap((h): RecalledTask[] =>
            h.source === 'task' && h.text !== null
              ? [{ taskId: h.sourceId, text: h.text, score: round(h.score) }]
              : [],
          ),
      })
    : [];
  await deps.repo.markUsed(
    memories.slice(0, USED_TOP).map((m) => m.id),
    now,
  );
  return { mode: 'semantic', memories, tasks };
};
