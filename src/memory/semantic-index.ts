import { rm } from 'node:fs/promises';
import type { Clock, Logger } from '../shared/index.js';
import { isUsableVector, type Embedder } from './embedder.js';
import { createIndexCache } from './semantic/index-cache.js';
import { indexFilesFor } from './semantic/index-files.js';
import { buildIndex, catchUpIndex, loadOrBuildIndex, type IndexSyncDeps } from './semantic/index-sync.js';
import { searchIndex, type SearchOptions } from './semantic/search-index.js';
import { createUserLocks } from './semantic/user-locks.js';
import type { SemanticStore, VectorItem, VectorSource } from './semantic-store.js';
import { defaultIndexParams, type IndexParams } from './vector-index.js';

export type { SemanticHit } from './semantic/search-index.js';

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
  /** The query vector for `search`, so that one query can serve several searches. */
  embedQuery: (query: string) => Promise<number[]>;
  /**
   * Nearest items to `query` among `sources` (and `facets`, if given), verified against MongoDB. `accept` checks
   * hits further (e.g. that a memory is still current); the search widens until `limit` hits are accepted or the
   * index is exhausted.
   */
  search: <T>(userId: string, query: number[], options: SearchOptions<T>) => Promise<T[]>;
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

/**
 * Per-user semantic search over MongoDB's vectors: an in-memory index per user (loaded from disk or rebuilt,
 * caught up with MongoDB before each search), saved back to disk a little after it changes.
 */
export const createSemanticIndex = (options: SemanticIndexOptions): SemanticIndex => {
  const { store, embedder, clock, logger, directory } = options;
  const params = options.params ?? defaultIndexParams;
  const sync: IndexSyncDeps = { store, embedder, clock, logger, params };
  const withLock = createUserLocks();
  const cache = createIndexCache({
    directory,
    maxLoadedUsers: options.maxLoadedUsers ?? 64,
    saveDelayMs: options.saveDelayMs ?? 1_000,
    withLock,
    logger,
  });

  /** The user's index, current with MongoDB: from memory, else from disk, else rebuilt. */
  const ready = async (userId: string, dimensions: number) => {
    let entry = cache.get(userId);
    if (entry && entry.index.dimensions !== dimensions) entry = undefined;
    entry ??= await loadOrBuildIndex(sync, indexFilesFor(directory, userId), userId, dimensions);
    entry = await catchUpIndex(sync, userId, entry);
    cache.touch(userId, entry);
    if (entry.isDirty) cache.scheduleSave(userId);
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

    search: (userId, queryVector, searchOptions) =>
      withLock(userId, async () => {
        const { index } = await ready(userId, queryVector.length);
        const onStaleRemoved = () => cache.scheduleSave(userId);
        return searchIndex(
          { store, clock, params, onStaleRemoved },
          userId,
          index,
          queryVector,
          searchOptions,
        );
      }),

    rebuild: async (userId) => {
      const dimensions = embedder.dimensions ?? (await embedder.embedQuery('dimension probe')).length;
      await withLock(userId, async () => {
        cache.forget(userId);
        const entry = await buildIndex(sync, userId, dimensions);
        cache.touch(userId, entry);
        await cache.save(userId);
      });
    },

    sweep: () => store.sweep(clock.now(), options.tombstoneRetentionMs ?? 7 * 86_400_000),

    dropUser: (userId) =>
      withLock(userId, async () => {
        await store.removeUser(userId);
        cache.drop(userId);
        for (const file of indexFilesFor(directory, userId)) await rm(file, { force: true });
      }),

    flush: () => cache.flush(),

    close: () => cache.close(),
  };
};
