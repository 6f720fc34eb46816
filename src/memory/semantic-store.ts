import { Binary, type Db } from 'mongodb';
import type { CollectionIndexes } from '../shared/index.js';
import { findByIds } from './find-by-ids.js';
import {
  clearStaleWrites,
  readChangeState,
  writeNumbered,
  type IndexStateDoc,
} from './semantic/change-counter.js';
import { docId, itemKey, type VectorDoc, type VectorSource } from './semantic/vector-doc.js';
import { purgeTombstones, tombstoneExpired } from './semantic/vector-sweep.js';
import { insertOrReplace, updateEach } from './semantic/vector-writes.js';

export { itemKey, parseItemKey, type VectorDoc, type VectorSource } from './semantic/vector-doc.js';

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

const liveFilter = (now: Date) => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });

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

/** The vectors of every person's memories and tasks in MongoDB, with each owner's change counter. */
export const createSemanticStore = (db: Db): SemanticStore => {
  const vectors = db.collection<VectorDoc>(VECTORS);
  const states = db.collection<IndexStateDoc>(INDEX_STATE);

  const tombstone = async (userId: string, source: VectorSource, sourceIds: string[], now: Date) => {
    if (sourceIds.length === 0) return;
    const ids = [...new Set(sourceIds)].map((sourceId) => docId(userId, itemKey(source, sourceId)));
    await writeNumbered(states, userId, (seq) =>
      updateEach(vectors, ids, {
        $set: { deleted: true, seq, text: '', vector: null, model: null, updatedAt: now },
      }),
    );
  };

  return {
    state: (userId) => readChangeState(states, userId),

    putMany: async (userId, entries, model, now) => {
      if (entries.length === 0) return;
      await writeNumbered(states, userId, async (seq) => {
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
        await insertOrReplace(vectors, docs);
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
      const expired = await tombstoneExpired(vectors, tombstone, now);
      await clearStaleWrites(states);
      const purged = await purgeTombstones(vectors, states, new Date(now.getTime() - tombstoneRetentionMs));
      return { expired, purged };
    },

    removeUser: async (userId) => {
      await vectors.deleteMany({ userId });
      await states.deleteOne({ _id: userId });
    },
  };
};
