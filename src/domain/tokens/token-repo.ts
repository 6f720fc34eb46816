import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';

export type ApiTokenDoc = {
  _id: string;
  userId: string;
  name: string;
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  tokenHash: string;
  /** The first characters, so a person can tell their tokens apart. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Absent or null: never expires. Every authentication checks it. */
  expiresAt?: Date | null;
};

export type TokenRepo = {
  insert: (token: ApiTokenDoc) => Promise<void>;
  findActiveByHash: (tokenHash: string) => Promise<ApiTokenDoc | null>;
  list: (userId: string) => Promise<ApiTokenDoc[]>;
  /** Revokes by id or by the full secret; scoped to the user when one is given. */
  revoke: (
    filter: { id?: string; tokenHash?: string; userId?: string },
    at: Date,
  ) => Promise<ApiTokenDoc | null>;
  touch: (id: string, at: Date) => Promise<void>;
  /** Deletes every token of a person (their account is going). */
  removeAllOf: (userId: string) => Promise<number>;
  /** Tokens of the user neither revoked nor expired at `now`. */
  countActive: (userId: string, now: Date) => Promise<number>;
  /** Removes a token outright (one created past the per-person cap). */
  remove: (id: string) => Promise<void>;
};

export const hashToken = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const tokenIndexes: CollectionIndexes = {
  collection: 'api_tokens',
  indexes: [
    { key: { tokenHash: 1 }, name: 'hash_unique', unique: true },
    { key: { userId: 1, createdAt: -1 }, name: 'user_time' },
  ],
};

export const createTokenRepo = (db: Db): TokenRepo => {
  const tokens = db.collection<ApiTokenDoc>('api_tokens');
  return {
    insert: async (token) => {
      await tokens.insertOne(token);
    },
    findActiveByHash: (tokenHash) => tokens.findOne({ tokenHash, revokedAt: null }),
    list: (userId) => tokens.find({ userId }).sort({ createdAt: -1 }).limit(200).toArray(),
    revoke: (filter, at) => {
      const query: Record<string, unknown> = { revokedAt: null };
      if (filter.id) query._id = filter.id;
      if (filter.tokenHash) query.tokenHash = filter.tokenHash;
      if (filter.userId) query.userId = filter.userId;
      if (!filter.id && !filter.tokenHash) return Promise.resolve(null);
      return tokens.findOneAndUpdate(query, { $set: { revokedAt: at } }, { returnDocument: 'after' });
    },
    touch: async (id, at) => {
      await tokens.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
    },
    removeAllOf: async (userId) => (await tokens.deleteMany({ userId })).deletedCount,
    countActive: (userId, now) =>
      tokens.countDocuments({
        userId,
        revokedAt: null,
        $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      }),
    remove: async (id) => {
      await tokens.deleteOne({ _id: id });
    },
  };
};
