import { mkdir } from 'node:fs/promises';
import type { Logger } from '../../shared/index.js';
import type { VectorIndex } from '../vector-index.js';
import { indexFilesFor } from './index-files.js';
import type { WithUserLock } from './user-locks.js';

/** A loaded index; `isDirty` until its changes are on disk. */
export type IndexEntry = { index: VectorIndex; isDirty: boolean; lastPendingRetry: number };

export type IndexCacheOptions = {
  directory: string;
  maxLoadedUsers: number;
  saveDelayMs: number;
  withLock: WithUserLock;
  logger: Pick<Logger, 'warn'>;
};

/** The users' indexes held in memory (least recently used dropped first) and their delayed saves to disk. */
export type IndexCache = {
  get: (userId: string) => IndexEntry | undefined;
  /** Forgets the user's loaded index (a save already scheduled still runs, and finds nothing to save). */
  forget: (userId: string) => void;
  /** Forgets the user's index and any save scheduled for it. */
  drop: (userId: string) => void;
  /** Marks the entry most recently used; beyond the limit, the least recently used is saved and dropped. */
  touch: (userId: string, entry: IndexEntry) => void;
  /** Writes the user's index to disk if it changed; call under the user's lock. */
  save: (userId: string) => Promise<void>;
  /** Saves the user's index a little later, under their lock. */
  scheduleSave: (userId: string) => void;
  /** Saves every changed index now. */
  flush: () => Promise<void>;
  /** Stops scheduling saves, saves every changed index and empties the cache. */
  close: () => Promise<void>;
};

export const createIndexCache = (options: IndexCacheOptions): IndexCache => {
  const { directory, maxLoadedUsers, saveDelayMs, withLock, logger } = options;
  const entries = new Map<string, IndexEntry>(); // insertion order = least recently used first
  const saveTimers = new Map<string, NodeJS.Timeout>();
  let isClosed = false;

  const save = async (userId: string) => {
    const entry = entries.get(userId);
    if (!entry?.isDirty) return;
    await mkdir(directory, { recursive: true });
    entry.isDirty = false;
    try {
      await entry.index.save(...indexFilesFor(directory, userId));
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

  const touch = (userId: string, entry: IndexEntry) => {
    entries.delete(userId);
    entries.set(userId, entry);
    for (const [oldest] of entries) {
      if (entries.size <= maxLoadedUsers) break;
      if (oldest === userId) continue;
      const evicted = entries.get(oldest);
      entries.delete(oldest);
      if (evicted?.isDirty) {
        // Saving happens under the evicted user's lock; a search for them meanwhile simply loads or rebuilds.
        void withLock(oldest, () => evicted.index.save(...indexFilesFor(directory, oldest))).catch(
          () => undefined,
        );
      }
    }
  };

  const saveAll = async () => {
    for (const userId of [...entries.keys()]) await withLock(userId, () => save(userId));
  };

  return {
    get: (userId) => entries.get(userId),
    forget: (userId) => entries.delete(userId),
    drop: (userId) => {
      entries.delete(userId);
      clearTimeout(saveTimers.get(userId));
      saveTimers.delete(userId);
    },
    touch,
    save,
    scheduleSave,
    flush: saveAll,
    close: async () => {
      isClosed = true;
      for (const timer of saveTimers.values()) clearTimeout(timer);
      saveTimers.clear();
      await saveAll();
      entries.clear();
    },
  };
};
