import type { Collection } from 'mongodb';
import type { IndexStateDoc } from './change-counter.js';
import type { VectorDoc, VectorSource } from './vector-doc.js';

const groupBy = <T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
};

type Tombstone = (userId: string, source: VectorSource, sourceIds: string[], now: Date) => Promise<void>;

/** Tombstones every expired item, owner by owner, so that other processes' indexes drop them; returns how many. */
export const tombstoneExpired = async (vectors: Collection<VectorDoc>, tombstone: Tombstone, now: Date) => {
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
  return expired;
};

/** Deletes tombstones older than `cutoff`, recording per owner the newest change purged; returns how many. */
export const purgeTombstones = async (
  vectors: Collection<VectorDoc>,
  states: Collection<IndexStateDoc>,
  cutoff: Date,
) => {
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
  return deletedCount;
};
