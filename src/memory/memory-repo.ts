import type { Db, Filter, Sort } from 'mongodb';
import type { CollectionIndexes } from '../shared/index.js';
import { findByIds } from './find-by-ids.js';
import type { MemoryItem, MemoryKind, MemoryTier, MemoryVia } from './memory-schemas.js';
import type { ValuedMemory } from './memory-value.js';

/** One remembered thing. Short-term turns live here too (`tier: 'short_term'`, `kind: 'turn'`). */
export type MemoryDoc = {
  _id: string;
  userId: string;
  tier: MemoryTier;
  kind: MemoryKind | 'turn';
  text: string;
  /** Lower-cased, whitespace-collapsed text: the same memory said twice is stored once. */
  textKey: string;
  threadId: string | null;
  role: 'user' | 'assistant' | null;
  importance: number;
  source: { via: MemoryVia; ref: string | null };
  createdAt: Date;
  /** Orders turns written in the same millisecond (a reply stored right after the message it answers). */
  position: number;
  updatedAt: Date;
  /** FerretDB has no TTL indexes: every read filters on this, and `sweep` deletes what has passed. */
  expiresAt: Date | null;
  supersedes: string | null;
  supersededBy: string | null;
  /** The id of the first version; all corrections of one memory share it, and `forget` removes them together. */
  lineage: string;
  useCount: number;
  lastUsedAt: Date | null;
};

export const MEMORIES = 'memories';

export const memoryCollectionIndexes: CollectionIndexes = {
  collection: MEMORIES,
  indexes: [
    { key: { userId: 1, tier: 1, updatedAt: -1 }, name: 'user_tier_time' },
    { key: { userId: 1, threadId: 1, position: -1 }, name: 'user_thread_position' },
    { key: { userId: 1, lineage: 1 }, name: 'user_lineage' },
    { key: { userId: 1, textKey: 1 }, name: 'user_text' },
    { key: { expiresAt: 1 }, name: 'expires' },
  ],
};

/** Not yet expired. Part of every read: a memory past its time is never returned, swept or not. */
export const live = (now: Date): Filter<MemoryDoc> => ({
  $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
});

/** Current (not superseded), live memories of one person; never short-term turns. */
export const current = (userId: string, now: Date, extra: Filter<MemoryDoc> = {}): Filter<MemoryDoc> => ({
  userId,
  tier: { $in: ['working', 'long_term'] },
  supersededBy: null,
  ...live(now),
  ...extra,
});

/** The same test as `current`, for a document already read. */
export const isCurrent = (doc: MemoryDoc, userId: string, now: Date): boolean =>
  doc.userId === userId &&
  doc.tier !== 'short_term' &&
  doc.supersededBy === null &&
  (doc.expiresAt === null || doc.expiresAt > now);

let lastPosition = 0;

/** Milliseconds with three more digits, increasing within this process even when the clock stands still. */
export const nextPosition = (now: Date): number => {
  lastPosition = Math.max(now.getTime() * 1_000, lastPosition + 1);
  return lastPosition;
};

export const textKeyOf = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export const toMemoryItem = (doc: MemoryDoc): MemoryItem => ({
  id: doc._id,
  tier: doc.tier,
  kind: doc.kind === 'turn' ? 'fact' : doc.kind,
  text: doc.text,
  importance: doc.importance,
  createdAt: doc.createdAt.toISOString(),
  updatedAt: doc.updatedAt.toISOString(),
  expiresAt: doc.expiresAt?.toISOString() ?? null,
  supersedes: doc.supersedes,
  source: doc.source,
});

export type MemoryRepo = {
  insert: (doc: MemoryDoc) => Promise<void>;
  insertMany: (docs: MemoryDoc[]) => Promise<void>;
  /** Those of `ids` that are current memories of `userId` (see `current`), in no particular order. */
  findCurrentByIds: (userId: string, ids: string[], now: Date) => Promise<MemoryDoc[]>;
  /** The memory `id` if it belongs to `userId` (whatever its state). */
  findOwned: (userId: string, id: string) => Promise<MemoryDoc | null>;
  /** The memory `id` if it belongs to `userId`, is live, current and not a conversation turn. */
  findCurrent: (userId: string, id: string, now: Date) => Promise<MemoryDoc | null>;
  findOne: (filter: Filter<MemoryDoc>) => Promise<MemoryDoc | null>;
  find: (
    filter: Filter<MemoryDoc>,
    options?: { sort?: Sort; skip?: number; limit?: number },
  ) => Promise<MemoryDoc[]>;
  count: (filter: Filter<MemoryDoc>) => Promise<number>;
  /** Marks `id` as replaced by `byId`, only if nobody replaced it first. Keeps it until `retainUntil` for history. */
  supersede: (userId: string, id: string, byId: string, now: Date, retainUntil: Date) => Promise<boolean>;
  refresh: (userId: string, id: string, now: Date, importance: number) => Promise<MemoryDoc | null>;
  /** Counts a use of each memory; the ids must come from a read already scoped to the person. */
  markUsed: (ids: string[], now: Date) => Promise<void>;
  /** Deletes every version of the memory `id` belongs to; returns the deleted ids with their tiers. */
  deleteLineage: (userId: string, id: string) => Promise<Array<{ _id: string; tier: MemoryTier }>>;
  deleteIds: (userId: string, ids: string[]) => Promise<number>;
  valued: (userId: string, filter: Filter<MemoryDoc>) => Promise<ValuedMemory[]>;
  /** Deletes expired memories found by `expired` (of anyone: the sweep is not acting for a person). */
  deleteExpired: (ids: string[]) => Promise<number>;
  /** A batch of expired memories of anyone, for the sweep. */
  expired: (now: Date, limit: number) => Promise<Array<Pick<MemoryDoc, '_id' | 'userId' | 'tier'>>>;
  removeUser: (userId: string) => Promise<void>;
};

const newestFirst: Sort = { updatedAt: -1, _id: -1 };

export const createMemoryRepo = (db: Db): MemoryRepo => {
  const memories = db.collection<MemoryDoc>(MEMORIES);
  return {
    insert: async (doc) => {
      await memories.insertOne(doc);
    },
    insertMany: async (docs) => {
      if (docs.length > 0) await memories.insertMany(docs, { ordered: true });
    },
    // By `_id` alone (the one filter FerretDB pushes down to storage), then the owner is checked here.
    findOwned: async (userId, id) => {
      const doc = await memories.findOne({ _id: id });
      return doc?.userId === userId ? doc : null;
    },
    findCurrentByIds: async (userId, ids, now) =>
      (await findByIds(memories, ids)).filter((doc) => isCurrent(doc, userId, now)),
    findCurrent: async (userId, id, now) => {
      const doc = await memories.findOne({ _id: id });
      return doc && isCurrent(doc, userId, now) ? doc : null;
    },
    findOne: (filter) => memories.findOne(filter),
    find: (filter, { sort = newestFirst, skip = 0, limit = 100 } = {}) =>
      memories.find(filter).sort(sort).skip(skip).limit(limit).toArray(),
    count: (filter) => memories.countDocuments(filter),
    supersede: async (userId, id, byId, now, retainUntil) => {
      const result = await memories.updateOne(
        { _id: id, userId, supersededBy: null },
        { $set: { supersededBy: byId, updatedAt: now, expiresAt: retainUntil } },
      );
      return result.modifiedCount === 1;
    },
    refresh: (userId, id, now, importance) =>
      memories.findOneAndUpdate(
        { _id: id, userId },
        { $set: { updatedAt: now }, $max: { importance } },
        { returnDocument: 'after' },
      ),
    markUsed: async (ids, now) => {
      for (const _id of ids)
        await memories.updateOne({ _id }, { $inc: { useCount: 1 }, $set: { lastUsedAt: now } });
    },
    deleteLineage: async (userId, id) => {
      const doc = await memories.findOne({ _id: id }, { projection: { lineage: 1, userId: 1 } });
      if (!doc || doc.userId !== userId) return [];
      const versions = await memories
        .find({ userId, lineage: doc.lineage }, { projection: { _id: 1, tier: 1 } })
        .toArray();
      await memories.deleteMany({ userId, lineage: doc.lineage });
      return versions.map((v) => ({ _id: v._id, tier: v.tier }));
    },
    deleteIds: async (userId, ids) => {
      if (ids.length === 0) return 0;
      return (await memories.deleteMany({ _id: { $in: ids }, userId })).deletedCount;
    },
    valued: (userId, filter) =>
      memories
        .find(
          { ...filter, userId },
          {
            projection: {
              _id: 1,
              kind: 1,
              importance: 1,
              useCount: 1,
              lastUsedAt: 1,
              updatedAt: 1,
              supersededBy: 1,
            },
          },
        )
        .toArray(),
    deleteExpired: async (ids) => {
      let deleted = 0;
      for (let i = 0; i < ids.length; i += 50) {
        // By `_id` alone (see findByIds): nothing un-expires a memory, so no second look at `expiresAt` is needed.
        const batch = ids.slice(i, i + 50).map((_id) => ({ deleteOne: { filter: { _id } } }));
        deleted += (await memories.bulkWrite(batch, { ordered: false })).deletedCount;
      }
      return deleted;
    },
    expired: (now, limit) =>
      memories
        .find({ expiresAt: { $lte: now } }, { projection: { _id: 1, userId: 1, tier: 1 } })
        .limit(limit)
        .toArray(),
    removeUser: async (userId) => {
      await memories.deleteMany({ userId });
    },
  };
};
