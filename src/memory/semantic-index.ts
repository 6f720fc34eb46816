import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { isUsableVector, type Embedder } from './embedder.js';
import {
  decodeVector,
  itemKey,
  parseItemKey,
  type SemanticStore,
  type VectorDoc,
  type VectorItem,
  type VectorSource,
} from './semantic-store.js';
import {
  createVectorIndex,
  defaultIndexParams,
  loadVectorIndex,
  type IndexParams,
  type VectorIndex,
} from './vector-index.js';

/** A search hit; when verified (the default), checked against MongoDB: it exists, is live, and is the asker's. */
export type SemanticHit = { source: VectorSource; sourceId: string; text: string | null; score: number };

export type SemanticIndexOptions = {
  store: SemanticStore;
  embedder: Embedder;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** One index file per user lives here. */
  directory: string;
  params?: IndexParams;
  /** How many users' indexes stay in memory; the least recently used is saved and dropped. */
  maxLoadedUsers?: number;
  /** Changes are written to disk this long after the last one (a crash loses nothing: MongoDB replays it). */
  saveDelayMs?: number;
  tombstoneRetentionMs?: number;
};

export type SemanticIndex = {
  /** Embeds and stores items; they are searchable from the next search on, in every process. */
  put: (userId: string, items: VectorItem[]) => Promise<void>;
  remove: (userId: string, source: VectorSource, sourceIds: string[]) => Promise<void>;
  /**
   * Nearest items to `query` among `sources` (and `facets`, if given), verified against MongoDB. `accept` checks
   * hits further (e.g. that a memory is still current); the search widens until `limit` hits are accepted or the
   * index is exhausted.
   */
  /** The query vector for `search`, so that one query can serve several searches. */
  embedQuery: (query: string) => Promise<number[]>;
  search: <T>(
    userId: string,
    query: number[],
    options: {
      limit: number;
      sources: VectorSource[];
      facets?: string[] | undefined;
      /**
       * Checks the hits' documents in MongoDB (owner, removal, expiry) before `accept` sees them. Only a caller
       * whose `accept` re-reads each item's own source of truth, scoped to the user, may turn it off.
       */
      verify?: boolean;
      accept: (hits: SemanticHit[]) => Promise<T[]>;
    },
  ) => Promise<T[]>;
  /** Throws away the user's index and builds it again from MongoDB. */
  rebuild: (userId: string) => Promise<void>;
  /** Drops the user's index from memory and disk, and their vectors from MongoDB. */
  dropUser: (userId: string) => Promise<void>;
  /** Tombstones expired items and purges old tombstones (see SemanticStore.sweep). */
  sweep: () => Promise<{ expired: number; purged: number }>;
  /** Writes every changed index to disk now. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
};

type Entry = { index: VectorIndex; isDirty: boolean; lastPendingRetry: number };

const EMBED_BATCH = 64;
const PENDING_RETRY_MS = 60_000;

/** File names that cannot collide or escape the directory, whatever a user id contains. */
const fileStem = (userId: string) =>
  /^[A-Za-z0-9_-]{1,100}$/.test(userId)
    ? `user-${userId}`
    : `hash-${createHash('sha256').update(userId).digest('hex')}`;

export const createSemanticIndex = (options: SemanticIndexOptions): SemanticIndex => {
  const { store, embedder, clock, logger, directory } = options;
  const params = options.params ?? defaultIndexParams;
  const maxLoaded = options.maxLoadedUsers ?? 64;
  const saveDelayMs = options.saveDelayMs ?? 1_000;
  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  const locks = new Map<string, Promise<unknown>>();
  const saveTimers = new Map<string, NodeJS.Timeout>();
  let isClosed = false;

  const filesFor = (userId: string): [string, string] => {
    const stem = join(directory, fileStem(userId));
    return [`${stem}.hnsw`, `${stem}.json`];
  };

  /** Runs `fn` after every earlier operation on the same user's index, never concurrently with them. */
  const withLock = <T>(userId: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(userId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    locks.set(userId, settled);
    void settled.then(() => {
      if (locks.get(userId) === settled) locks.delete(userId); // nothing queued behind: forget the chain
    });
    return run;
  };

  const save = async (userId: string) => {
    const entry = entries.get(userId);
    if (!entry?.isDirty) return;
    await mkdir(directory, { recursive: true });
    entry.isDirty = false;
    try {
      await entry.index.save(...filesFor(userId));
    } catch (error) {
      entry.isDirty = true;
      throw error;
    }
  };

  const scheduleSave = (userId: string) => {
    if (isClosed || saveTimers.has(userId)) return;
    const timer = setTimeout(() => {
      saveTimers.delete(userId);
      withLock(userId, () => save(userId)).catch((error: unknown) =>
        logger.warn(
          { err: (error as Error).message },
          'memory index could not be saved; it will be rebuilt if needed',
        ),
      );
    }, saveDelayMs);
    timer.unref(); // saving is an optimisation: never keep the process alive for it
    saveTimers.set(userId, timer);
  };

  const touch = (userId: string, entry: Entry) => {
    entries.delete(userId);
    entries.set(userId, entry);
    for (const [oldest] of entries) {
      if (entries.size <= maxLoaded) break;
      if (oldest === userId) continue;
      const evicted = entries.get(oldest);
      entries.delete(oldest);
      if (evicted?.isDirty) {
        // Saving happens under the evicted user's lock; a search for them meanwhile simply loads or rebuilds.
        void withLock(oldest, () => evicted.index.save(...filesFor(oldest))).catch(() => undefined);
      }
    }
  };

  /** Vectors for docs that have none in the current model; stored back so the next rebuild is cheap. */
  const embedMissing = async (userId: string, index: VectorIndex, docs: VectorDoc[]) => {
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

  const vectorOf = (doc: VectorDoc, index: VectorIndex): number[] | null => {
    if (!doc.vector || doc.model !== embedder.model) return null;
    const vector = decodeVector(doc.vector);
    return vector.length === index.dimensions ? vector : null;
  };

  const build = async (userId: string, dimensions: number): Promise<Entry> => {
    const startedAt = performance.now();
    const state = await store.state(userId); // read first: changes after it are replayed by the next sync
    const index = createVectorIndex(embedder.model, dimensions, params);
    const missing: VectorDoc[] = [];
    for await (const doc of store.live(userId, clock.now())) {
      const vector = vectorOf(doc, index);
      if (vector) index.upsert(itemKey(doc.source, doc.sourceId), vector, doc.facet);
      else missing.push(doc);
    }
    await embedMissing(userId, index, missing);
    // With a write in flight, some change up to the counter may not have been visible: replay from the start.
    index.syncedSeq = state.isSettled ? state.seq : 0;
    logger.info(
      { items: index.size(), reembedded: missing.length, ms: Math.round(performance.now() - startedAt) },
      'memory index built',
    );
    return { index, isDirty: true, lastPendingRetry: clock.now().getTime() };
  };

  const catchUp = async (userId: string, entry: Entry): Promise<Entry> => {
    const { index } = entry;
    const state = await store.state(userId);
    if (state.purgedThrough > index.syncedSeq) return build(userId, index.dimensions); // may have missed a removal
    const now = clock.now();
    const retryPending = index.pending.size > 0 && now.getTime() - entry.lastPendingRetry >= PENDING_RETRY_MS;
    if (state.seq <= index.syncedSeq && !retryPending) return entry;

    const changes = state.seq > index.syncedSeq ? await store.changesSince(userId, index.syncedSeq) : [];
    const missing: VectorDoc[] = [];
    for (const doc of changes) {
      const key = itemKey(doc.source, doc.sourceId);
      index.pending.delete(key);
      const isGone = doc.deleted || (doc.expiresAt !== null && doc.expiresAt <= now);
      if (isGone) {
        index.remove(key);
        continue;
      }
      const vector = vectorOf(doc, index);
      if (vector) index.upsert(key, vector, doc.facet);
      else missing.push(doc);
    }
    if (retryPending) {
      entry.lastPendingRetry = now.getTime();
      const retry = await store.verify(userId, [...index.pending], now);
      for (const key of index.pending) if (!retry.has(key)) index.pending.delete(key);
      for (const [key, doc] of retry) {
        const vector = vectorOf(doc, index); // another process may have embedded it meanwhile
        if (vector) {
          index.upsert(key, vector, doc.facet);
          index.pending.delete(key);
        } else {
          missing.push(doc);
        }
      }
    }
    await embedMissing(userId, index, missing);
    if (state.isSettled) index.syncedSeq = Math.max(index.syncedSeq, state.seq); // else re-read from here next time
    entry.isDirty = true;
    return entry;
  };

  /** The user's index, current with MongoDB: from memory, else from disk, else rebuilt. */
  const ready = async (userId: string, dimensions: number): Promise<Entry> => {
    let entry = entries.get(userId);
    if (entry && entry.index.dimensions !== dimensions) entry = undefined;
    if (!entry) {
      const loaded = await loadVectorIndex(...filesFor(userId), {
        model: embedder.model,
        dimensions,
        params,
      });
      if (loaded.ok) {
        entry = { index: loaded.index, isDirty: false, lastPendingRetry: 0 };
      } else {
        if (loaded.reason !== 'missing')
          logger.info({ reason: loaded.reason }, 'memory index not usable; rebuilding from MongoDB');
        entry = await build(userId, dimensions);
      }
    }
    entry = await catchUp(userId, entry);
    touch(userId, entry);
    if (entry.isDirty) scheduleSave(userId);
    return entry;
  };

  return {
    put: async (userId, items) => {
      if (items.length === 0) return;
      let vectors: Array<number[] | null> = items.map(() => null);
      try {
        const embedded = await embedder.embedDocuments(items.map((item) => item.text));
        vectors = embedded.map((v) => (isUsableVector(v, embedder.dimensions) ? v : null));
      } catch (error) {
        logger.warn(
          { err: (error as Error).message },
          'embedding failed; items are stored and embedded later',
        );
      }
      await store.putMany(
        userId,
        items.map((item, i) => ({ item, vector: vectors[i] ?? null })),
        embedder.model,
        clock.now(),
      );
    },

    remove: (userId, source, sourceIds) => store.remove(userId, source, sourceIds, clock.now()),

    embedQuery: async (query) => {
      const vector = await embedder.embedQuery(query); // throws when the provider is down: callers fall back
      if (!isUsableVector(vector, embedder.dimensions))
        throw new Error('the embeddings provider returned an unusable vector');
      return vector;
    },

    search: async (userId, queryVector, { limit, sources, facets, verify = true, accept }) =>
      withLock(userId, async () => {
        const { index } = await ready(userId, queryVector.length);
        let wanted = limit + Math.max(3, Math.ceil(limit / 2)); // a little slack for stale hits; widened if short
        for (;;) {
          const hits = index.search(queryVector, wanted, Math.max(params.efSearch, wanted), (key, facet) => {
            const source = key.slice(0, key.indexOf(':'));
            return sources.some((s) => s === source) && (!facets || facets.includes(facet));
          });
          const candidates: SemanticHit[] = [];
          if (verify) {
            const verified = await store.verify(
              userId,
              hits.map((h) => h.key),
              clock.now(),
            );
            const stale = hits.filter((h) => !verified.has(h.key));
            for (const hit of stale) index.remove(hit.key); // deleted, expired or otherwise not theirs: never again
            if (stale.length > 0) scheduleSave(userId);
            for (const hit of hits) {
              const doc = verified.get(hit.key);
              const parsed = parseItemKey(hit.key);
              if (doc && parsed) candidates.push({ ...parsed, text: doc.text, score: 1 - hit.distance });
            }
          } else {
            for (const hit of hits) {
              const parsed = parseItemKey(hit.key);
              if (parsed) candidates.push({ ...parsed, text: null, score: 1 - hit.distance });
            }
          }
          const accepted = await accept(candidates);
          const isExhausted = hits.length < wanted || wanted >= index.size();
          if (accepted.length >= limit || isExhausted) return accepted.slice(0, limit);
          wanted = Math.min(index.size(), wanted * 4);
        }
      }),

    rebuild: async (userId) => {
      const dimensions = embedder.dimensions ?? (await embedder.embedQuery('dimension probe')).length;
      await withLock(userId, async () => {
        entries.delete(userId);
        const entry = await build(userId, dimensions);
        touch(userId, entry);
        await save(userId);
      });
    },

    sweep: () => store.sweep(clock.now(), options.tombstoneRetentionMs ?? 7 * 86_400_000),

    dropUser: (userId) =>
      withLock(userId, async () => {
        await store.removeUser(userId);
        entries.delete(userId);
        clearTimeout(saveTimers.get(userId));
        saveTimers.delete(userId);
        for (const file of filesFor(userId)) await rm(file, { force: true });
      }),

    flush: async () => {
      for (const userId of [...entries.keys()]) await withLock(userId, () => save(userId));
    },

    close: async () => {
      isClosed = true;
      for (const timer of saveTimers.values()) clearTimeout(timer);
      saveTimers.clear();
      for (const userId of [...entries.keys()]) await withLock(userId, () => save(userId));
      entries.clear();
    },
  };
};
