import { createHash } from 'node:crypto';
import { Binary, type Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
import type { DecodedImage, ImageMime } from './image-bytes.js';

/**
 * A proof photo is stored once, outside conversation state: a small record (owner, size, what references it, when
 * it may go) and, in a collection read only by `_id`, the bytes. FerretDB scans a collection for any query that is
 * not by `_id`, so the queries the sweep and quota make never touch the megabytes.
 */
export type ProofImageDoc = {
  _id: string;
  userId: string;
  mime: ImageMime;
  size: number;
  sha256: string;
  /** What uses the photo, e.g. `task:<id>` once it was judged as proof of that task. */
  refs: string[];
  createdAt: Date;
  /** Gone after this (the sweep deletes it; reads ignore it already). */
  expiresAt: Date;
};
type ImageDataDoc = { _id: string; userId: string; data: Binary };
/** Per person: what their live photos add up to (kept by guarded `$inc`, the one atomic write FerretDB 1.x has). */
type UsageDoc = { _id: string; count: number; bytes: number };

export type ProofImageQuota = { maxCount: number; maxBytes: number };

export const proofImageIndexes: CollectionIndexes[] = [
  {
    collection: 'proof_images',
    indexes: [
      { key: { expiresAt: 1 }, name: 'expiry' },
      { key: { userId: 1 }, name: 'user' },
    ],
  },
];

/** Per person and content: the same photo sent twice (a re-sent message) is one stored image. */
export const proofImageIdOf = (userId: string, sha256: string): string =>
  `img_${createHash('sha256').update(`${userId}\u0000${sha256}`).digest('base64url').slice(0, 27)}`;

export type SavedImage = { id: string; isNew: boolean };
/** `quota` when the person's live photos would exceed it. */
export type SaveOutcome = SavedImage | 'quota';

export type ProofImageRepo = {
  save: (
    userId: string,
    image: DecodedImage,
    at: { now: Date; expiresAt: Date },
    quota: ProofImageQuota,
  ) => Promise<SaveOutcome>;
  /** The photo's bytes, only for its owner and only while it lives. */
  load: (userId: string, id: string, now: Date) => Promise<{ mime: ImageMime; bytes: Buffer } | null>;
  /** Records a use and keeps the photo at least until `keepUntil`; false when it is gone or not theirs. */
  reference: (userId: string, id: string, ref: string, keepUntil: Date) => Promise<boolean>;
  expired: (now: Date, limit: number) => Promise<ProofImageDoc[]>;
  referenced: (limit: number, afterId: string) => Promise<ProofImageDoc[]>;
  /** Deletes one photo (record, bytes, quota share); false when it was already gone. */
  remove: (doc: Pick<ProofImageDoc, '_id' | 'userId' | 'size'>) => Promise<boolean>;
  ofUser: (userId: string) => Promise<ProofImageDoc[]>;
};

export const createProofImageRepo = (db: Db): ProofImageRepo => {
  const images = db.collection<ProofImageDoc>('proof_images');
  const data = db.collection<ImageDataDoc>('proof_image_data');
  const usage = db.collection<UsageDoc>('proof_image_usage');

  const release = async (userId: string, size: number) => {
    await usage.updateOne({ _id: userId }, { $inc: { count: -1, bytes: -size } });
  };

  return {
    save: async (userId, image, at, quota) => {
      const id = proofImageIdOf(userId, image.sha256);
      const existing = await images.findOne({ _id: id }, { projection: { _id: 1 } });
      if (existing) {
        await images.updateOne({ _id: id }, { $max: { expiresAt: at.expiresAt } });
        return { id, isNew: false };
      }
      const size = image.bytes.length;
      await usage.updateOne({ _id: userId }, { $setOnInsert: { count: 0, bytes: 0 } }, { upsert: true });
      const reserved = await usage.findOneAndUpdate(
        { _id: userId, count: { $lte: quota.maxCount - 1 }, bytes: { $lte: quota.maxBytes - size } },
        { $inc: { count: 1, bytes: size } },
      );
      if (!reserved) return 'quota';
      try {
        await data.insertOne({ _id: id, userId, data: new Binary(image.bytes) }).catch((error: unknown) => {
          if (!isDuplicateKeyError(error)) throw error; // left by an earlier attempt: the same bytes
        });
        await images.insertOne({
          _id: id,
          userId,
          mime: image.mime,
          size,
          sha256: image.sha256,
          refs: [],
          createdAt: at.now,
          expiresAt: at.expiresAt,
        });
        return { id, isNew: true };
      } catch (error) {
        await release(userId, size);
        if (isDuplicateKeyError(error)) return { id, isNew: false }; // the same photo, saved by a racing request
        throw error;
      }
    },
    load: async (userId, id, now) => {
      const meta = await images.findOne({ _id: id });
      if (!meta || meta.userId !== userId || meta.expiresAt <= now) return null;
      const stored = await data.findOne({ _id: id });
      if (!stored || stored.userId !== userId) return null;
      return { mime: meta.mime, bytes: Buffer.from(stored.data.buffer) };
    },
    reference: async (userId, id, ref, keepUntil) => {
      const result = await images.updateOne(
        { _id: id, userId },
        { $addToSet: { refs: ref }, $max: { expiresAt: keepUntil } },
      );
      return result.matchedCount === 1;
    },
    expired: (now, limit) =>
      images.find({ expiresAt: { $lt: now } }, { sort: { expiresAt: 1 }, limit }).toArray(),
    referenced: (limit, afterId) =>
      images
        .find({ _id: { $gt: afterId }, 'refs.0': { $exists: true } }, { sort: { _id: 1 }, limit })
        .toArray(),
    remove: async (doc) => {
      const gone = await images.deleteOne({ _id: doc._id, userId: doc.userId });
      await data.deleteOne({ _id: doc._id, userId: doc.userId });
      if (gone.deletedCount === 0) return false;
      await release(doc.userId, doc.size);
      return true;
    },
    ofUser: (userId) => images.find({ userId }).limit(10_000).toArray(),
  };
};
