import type { Clock, Logger } from '../../shared/index.js';
import { isUsableVector, type Embedder } from '../embedder.js';
import { decodeVector, itemKey, type SemanticStore, type VectorDoc } from '../semantic-store.js';
import { createVectorIndex, loadVectorIndex, type IndexParams, type VectorIndex } from '../vector-index.js';
import type { IndexEntry } from './index-cache.js';

/** What keeping an index in step with MongoDB needs: the store, the embedder for vectors it lacks. */
export type IndexSyncDeps = {
  store: SemanticStore;
  embedder: Embedder;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  params: IndexParams;
};

const EMBED_BATCH = 64;
const PENDING_RETRY_MS = 60_000;

/** The stored vector of `doc` when it is usable in `index` (same model and dimension); else null. */
const vectorOf = (deps: IndexSyncDeps, doc: VectorDoc, index: VectorIndex): number[] | null => {
  if (!doc.vector || doc.model !== deps.embedder.model) return null;
  const vector = decodeVector(doc.vector);
  return vector.length === index.dimensions ? vector : null;
};

/** Vectors for docs that have none in the current model; stored back so the next rebuild is cheap. */
const embedMissing = async (deps: IndexSyncDeps, userId: string, index: VectorIndex, docs: VectorDoc[]) => {
  const { embedder, store, logger } = deps;
  for (let i = 0; i < docs.length; i += EMBED_BATCH) {
    const batch = docs.slice(i, i + EMBED_BATCH);
    const keys = batch.map((d) => itemKey(d.source, d.sourceId));
    let vectors: number[][];
    try {
      vectors = await embedder.embedDocuments(batch.map((d) => d.text));
    } catch (error) {
      logger.warn(
        { err: (error as Error).message, items: batch.length },
        'embedding failed; memories stay findable by keyword',
      );
      for (const key of keys) index.pending.add(key);
      continue;
    }
    for (const [j, doc] of batch.entries()) {
      const vector = vectors[j];
      const key = keys[j]!;
      if (!isUsableVector(vector, index.dimensions)) {
        index.pending.add(key);
        continue;
      }
      index.upsert(key, vector, doc.facet);
      index.pending.delete(key);
      await store.saveVector(userId, key, doc.text, vector, embedder.model);
    }
  }
};

/** A new index of every live item of the user, embedding what has no usable vector. */
export const buildIndex = async (
  deps: IndexSyncDeps,
  userId: string,
  dimensions: number,
): Promise<IndexEntry> => {
  const { store, embedder, clock, logger } = deps;
  const startedAt = performance.now();
  const state = await store.state(userId); // read first: changes after it are replayed by the next sync
  const index = createVectorIndex(embedder.model, dimensions, deps.params);
  const missing: VectorDoc[] = [];
  for await (const doc of store.live(userId, clock.now())) {
    const vector = vectorOf(deps, doc, index);
    if (vector) index.upsert(itemKey(doc.source, doc.sourceId), vector, doc.facet);
    else missing.push(doc);
  }
  await embedMissing(deps, userId, index, missing);
  // With a write in flight, some change up to the counter may not have been visible: replay from the start.
  index.syncedSeq = state.isSettled ? state.seq : 0;
  logger.info(
    { items: index.size(), reembedded: missing.length, ms: Math.round(performance.now() - startedAt) },
    'memory index built',
  );
  return { index, isDirty: true, lastPendingRetry: clock.now().getTime() };
};

/** Applies the changes after the index's change number; returns the docs that still need a vector. */
const applyChanges = (
  deps: IndexSyncDeps,
  index: VectorIndex,
  changes: VectorDoc[],
  now: Date,
): VectorDoc[] => {
  const missing: VectorDoc[] = [];
  for (const doc of changes) {
    const key = itemKey(doc.source, doc.sourceId);
    index.pending.delete(key);
    const isGone = doc.deleted || (doc.expiresAt !== null && doc.expiresAt <= now);
    if (isGone) {
      index.remove(key);
      continue;
    }
    const vector = vectorOf(deps, doc, index);
    if (vector) index.upsert(key, vector, doc.facet);
    else missing.push(doc);
  }
  return missing;
};

/** Looks again at items left without a vector; returns those still needing one. */
const retryPending = async (deps: IndexSyncDeps, userId: string, index: VectorIndex, now: Date) => {
  const missing: VectorDoc[] = [];
  const retry = await deps.store.verify(userId, [...index.pending], now);
  for (const key of index.pending) if (!retry.has(key)) index.pending.delete(key);
  for (const [key, doc] of retry) {
    const vector = vectorOf(deps, doc, index); // another process may have embedded it meanwhile
    if (vector) {
      index.upsert(key, vector, doc.facet);
      index.pending.delete(key);
    } else {
      missing.push(doc);
    }
  }
  return missing;
};

/** Brings a loaded index up to date with MongoDB, or rebuilds it when it may have missed a removal. */
export const catchUpIndex = async (
  deps: IndexSyncDeps,
  userId: string,
  entry: IndexEntry,
): Promise<IndexEntry> => {
  const { store, clock } = deps;
  const { index } = entry;
  const state = await store.state(userId);
  if (state.purgedThrough > index.syncedSeq) return buildIndex(deps, userId, index.dimensions); // may have missed a removal
  const now = clock.now();
  const isRetryDue = index.pending.size > 0 && now.getTime() - entry.lastPendingRetry >= PENDING_RETRY_MS;
  if (state.seq <= index.syncedSeq && !isRetryDue) return entry;

  const changes = state.seq > index.syncedSeq ? await store.changesSince(userId, index.syncedSeq) : [];
  const missing = applyChanges(deps, index, changes, now);
  if (isRetryDue) {
    entry.lastPendingRetry = now.getTime();
    missing.push(...(await retryPending(deps, userId, index, now)));
  }
  await embedMissing(deps, userId, index, missing);
  if (state.isSettled) index.syncedSeq = Math.max(index.syncedSeq, state.seq); // else re-read from here next time
  entry.isDirty = true;
  return entry;
};

/** The user's index from disk when it can be trusted, else built from MongoDB. */
export const loadOrBuildIndex = async (
  deps: IndexSyncDeps,
  files: [string, string],
  userId: string,
  dimensions: number,
): Promise<IndexEntry> => {
  const loaded = await loadVectorIndex(...files, {
    model: deps.embedder.model,
    dimensions,
    params: deps.params,
  });
  if (loaded.ok) return { index: loaded.index, isDirty: false, lastPendingRetry: 0 };
  if (loaded.reason !== 'missing')
    deps.logger.info({ reason: loaded.reason }, 'memory index not usable; rebuilding from MongoDB');
  return buildIndex(deps, userId, dimensions);
};
