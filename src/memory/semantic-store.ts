import { randomBytes } from 'node:crypto';
import { Binary, type Db, type UpdateFilter } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../shared/db.js';
import { findByIds } from './find-by-ids.js';

/** What a vector stands for: a memory, or a task (indexed by the tasks module through the memory service). */
export type VectorSource = 'memory' | 'task';

/** The source of truth for semantic search: every on-disk index is rebuilt from these documents. */
export type VectorDoc = {
  _id: string;
  userId: string;
  source: VectorSource;
  sourceId: string;
  text: string;
  /** A tag searches can filter on inside the index: a memory's kind. */
  facet: string;
  vector: Binary | null;
  model: string | null;
  expiresAt: Date | null;
  /** A tombstone: kept for a while so other processes' indexes learn about the removal. */
  deleted: boolean;
  /** The owner's change number of this document's last change (see `write`). */
  seq: number;
  updatedAt: Date;
};

/** Per owner: the change counter, and the writes that have taken a number but may not be visible yet. */
type IndexStateDoc = { _id: string; seq: number; purgedThrough: number; inFlight?: Record<string, Date> };

export type VectorItem = {
  source: VectorSource;
  sourceId: string;
  text: string;
  expiresAt: Date | null;
  facet?: string;
};

export type SemanticStore = {
  /**
   * The owner's change counter; whether every change numbered up to it is visible (`isSettled`: no write in
   * flight); and the newest change whose tombstone has been purged.
   */
  state: (userId: string) => Promise<{ seq: number; isSettled: boolean; purgedThrough: number }>;
  /** Stores items with their vectors (null when the embedder was unavailable: embedded later). */
  putMany: (
    userId: string,
    entries: Array<{ item: VectorItem; vector: number[] | null }>,
    model: string,
    now: Date,
  ) => Promise<void>;
  remove: (userId: string, source: VectorSource, sourceIds: string[], now: Date) => Promise<void>;
  /** Everything changed after change number `seq`, oldest first. */
  changesSince: (userId: string, seq: number) => Promise<VectorDoc[]>;
  /** Every live item of the owner, for a rebuild. */
  live: (userId: string, now: Date) => AsyncIterable<VectorDoc>;
  /** Stores a vector computed later (rebuild, retry) unless the text changed meanwhile. */
  saveVector: (userId: string, key: string, text: string, vector: number[], model: string) => Promise<void>;
  /** The subset of keys that exist, belong to `userId`, are not deleted and have not expired. */
  verify: (userId: string, keys: string[], now: Date) => Promise<Map<string, VectorDoc>>;
  /** Tombstones expired items and purges old tombstones; returns how many of each. */
  sweep: (now: Date, tombstoneRetentionMs: number) => Promise<{ expired: number; purged: number }>;
  removeUser: (userId: string) => Promise<void>;
};

export const VECTORS = 'memory_vectors';
export const INDEX_STATE = 'memory_index_state';

export const semanticIndexes: CollectionIndexes[] = [
  {
    collection: VECTORS,
    indexes: [
      { key: { userId: 1, seq: 1 }, name: 'user_seq' },
      { key: { expiresAt: 1 }, name: 'expires' },
      { key: { deleted: 1, updatedAt: 1 }, name: 'tombstones' },
    ],
  },
  { collection: INDEX_STATE, indexes: [] },
];

/** `memory:mem_x` — the key an index knows an item by. */
export const itemKey = (source: VectorSource, sourceId: string) => `${source}:${sourceId}`;

export const parseItemKey = (key: string): { source: VectorSource; sourceId: string } | null => {
  const at = key.indexOf(':');
  const source = key.slice(0, at);
  return source === 'memory' || source === 'task' ? { source, sourceId: key.slice(at + 1) } : null;
};

// The owner is part of the document id, so no write can ever land on another person's item.
const docId = (userId: string, key: string) => `${userId}|${key}`;

const groupBy = <T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
};

const liveFilter = (now: Date) => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });

const newWriteId = () => randomBytes(8).toString('hex');

/** A write still in flight after this long belongs to a process that died. */
const STALE_WRITE_MS = 60_000;

/** Float32, little-endian: a quarter of the size of a BSON array of doubles. */
export const encodeVector = (vector: number[]): Binary => {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return new Binary(bytes);
};

export const decodeVector = (binary: Binary): number[] => {
  const bytes = Buffer.from(binary.buffer);
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
};

export const createSemanticStore = (db: Db): SemanticStore => {
  const vectors = db.collection<VectorDoc>(VECTORS);
  const states = db.collection<IndexStateDoc>(INDEX_STATE);

  // A write takes the next change number and, in the same atomic update, registers itself as in flight; it
  // unregisters once its documents are written. A reader that sees nothing in flight knows every change up to
  // the counter is visible; otherwise it applies what it finds but re-reads from the same point next time.
  // In-flight marks use the wall clock (they are about process liveness, not about the person's time).
  const write = async (userId: string, apply: (seq: number) => Promise<void>): Promise<void> => {
    const writeId = newWriteId();
    const doc = await states.findOneAndUpdate(
      { _id: userId },
      { $inc: { seq: 1 }, $set: { [`inFlight.${writeId}`]: new Date() }, $setOnInsert: { purgedThrough: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    try {
      await apply(doc?.seq ?? 1);
    } finally {
      await states.updateOne({ _id: userId }, { $unset: { [`inFlight.${writeId}`]: '' } });
    }
  };

  // One statement per id, filtered on `_id` alone (it embeds the owner): the one filter FerretDB pushes down to
  // its storage. In small batches, since FerretDB 1.24 stalls on large batches of update statements.
  const updateEach = async (ids: string[], update: UpdateFilter<VectorDoc>) => {
    for (let i = 0; i < ids.length; i += 50) {
      const batch = ids.slice(i, i + 50).map((_id) => ({ updateOne: { filter: { _id }, update } }));
      await vectors.bulkWrite(batch, { ordered: false });
    }
  };

  const tombstone = async (userId: string, source: VectorSource, sourceIds: string[], now: Date) => {
    if (sourceIds.length === 0) return;
    const ids = [...new Set(sourceIds)].map((sourceId) => docId(userId, itemKey(source, sourceId)));
    await write(userId, (seq) =>
      updateEach(ids, { $set: { deleted: true, seq, text: '', vector: null, model: null, updatedAt: now } }),
    );
  };

  return {
    state: async (userId) => {
      const doc = await states.findOne({ _id: userId });
      const staleBefore = Date.now() - STALE_WRITE_MS; // a writer silent this long has died; its write is moot
      const isSettled = Object.values(doc?.inFlight ?? {}).every(
        (startedAt) => startedAt.getTime() < staleBefore,
      );
      return { seq: doc?.seq ?? 0, isSettled, purgedThrough: doc?.purgedThrough ?? 0 };
    },

    putMany: async (userId, entries, model, now) => {
      if (entries.length === 0) return;
      await write(userId, async (seq) => {
        const docs: VectorDoc[] = entries.map(({ item, vector }) => ({
          _id: docId(userId, itemKey(item.source, item.sourceId)),
          userId,
          source: item.source,
          sourceId: item.sourceId,
          text: item.text,
          facet: item.facet ?? '',
          vector: vector ? encodeVector(vector) : null,
          model: vector ? model : null,
          expiresAt: item.expiresAt,
          deleted: false,
          seq,
          updatedAt: now,
        }));
        // New items (the usual case) go in with one call; items seen before are replaced one by one.
        let seenBefore: VectorDoc[] = [];
        try {
          await vectors.insertMany(docs, { ordered: false });
        } catch (error) {
          const failures =
            (error as { writeErrors?: Array<{ code?: number; index: number }> }).writeErrors ?? [];
          if (failures.length > 0 && failures.every((f) => f.code === 11000))
            seenBefore = failures.map((f) => docs[f.index]!);
          else if (isDuplicateKeyError(error)) seenBefore = docs;
          else throw error;
        }
        for (const { _id, ...content } of seenBefore) await vectors.updateOne({ _id }, { $set: content });
      });
    },

    remove: tombstone,

    changesSince: (userId, seq) =>
      vectors
        .find({ userId, seq: { $gt: seq } })
        .sort({ seq: 1 })
        .toArray(),

    live: (userId, now) => vectors.find({ userId, deleted: false, ...liveFilter(now) }),

    saveVector: async (userId, key, text, vector, model) => {
      const doc = await vectors.findOne({ _id: docId(userId, key) }, { projection: { text: 1, deleted: 1 } });
      if (!doc || doc.deleted || doc.text !== text) return; // changed meanwhile: its own write brings its vector
      await vectors.updateOne({ _id: docId(userId, key) }, { $set: { vector: encodeVector(vector), model } });
    },

    verify: async (userId, keys, now) => {
      const docs = await findByIds(
        vectors,
        keys.map((key) => docId(userId, key)),
      );
      const isLive = (d: VectorDoc) => !d.deleted && (d.expiresAt === null || d.expiresAt > now);
      return new Map(
        docs.filter((d) => d.userId === userId && isLive(d)).map((d) => [itemKey(d.source, d.sourceId), d]),
      );
    },

    sweep: async (now, tombstoneRetentionMs) => {
      let expired = 0;
      for (;;) {
        const batch = await vectors
          .find(
            { deleted: false, expiresAt: { $lte: now } },
            { projection: { _id: 1, userId: 1, source: 1, sourceId: 1 } },
          )
          .limit(500)
          .toArray();
        if (batch.length === 0) break;
        for (const [userId, docs] of groupBy(batch, (d) => d.userId)) {
          for (const [source, items] of groupBy(docs, (d) => d.source)) {
            await tombstone(
              userId,
              source,
              items.map((d) => d.sourceId),
              now,
            );
          }
        }
        expired += batch.length;
      }
      // A writer that died mid-write leaves its in-flight mark; readers already ignore it, this removes it.
      const staleBefore = Date.now() - STALE_WRITE_MS;
      for await (const state of states.find({}, { projection: { inFlight: 1 } })) {
        const stale = Object.entries(state.inFlight ?? {}).filter(
          ([, startedAt]) => startedAt.getTime() < staleBefore,
        );
        if (stale.length === 0) continue;
        await states.updateOne(
          { _id: state._id },
          { $unset: Object.fromEntries(stale.map(([id]) => [`inFlight.${id}`, ''])) },
        );
      }

      const cutoff = new Date(now.getTime() - tombstoneRetentionMs);
      const old = await vectors
        .find({ deleted: true, updatedAt: { $lt: cutoff } }, { projection: { _id: 1, userId: 1, seq: 1 } })
        .toArray();
      for (const [userId, docs] of groupBy(old, (d) => d.userId)) {
        // Record the purge first: an index synced before it may have missed a removal and must rebuild.
        const newest = Math.max(...docs.map((d) => d.seq));
        await states.updateOne({ _id: userId }, { $max: { purgedThrough: newest } });
      }
      // The same filter again, not the ids: a tombstone revived meanwhile (deleted: false) must survive.
      const { deletedCount } = await vectors.deleteMany({ deleted: true, updatedAt: { $lt: cutoff } });
      return { expired, purged: deletedCount };
    },

    removeUser: async (userId) => {
      await vectors.deleteMany({ userId });
      await states.deleteOne({ _id: userId });
    },
  };
};
