import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/db.js';
import { defaultPreferences, type Preferences, type Profile } from './user-schemas.js';

export type UserDoc = {
  _id: string;
  name: string;
  timezone: string;
  preferences: Preferences;
  createdAt: Date;
  updatedAt: Date;
  /** Set once the person confirmed deleting their account: nothing new is made for them, a sweep finishes it. */
  deletingAt?: Date | null;
  /** A pending request to delete the account: the sha256 of its confirmation code, valid until `expiresAt`. */
  deletionRequest?: { codeHash: string; expiresAt: Date } | null;
};

export type UserRepo = {
  insert: (user: UserDoc) => Promise<void>;
  get: (userId: string) => Promise<UserDoc | null>;
  update: (userId: string, set: Partial<Omit<UserDoc, '_id' | 'createdAt'>>) => Promise<UserDoc | null>;
  /** Deletes the account record; true when it existed. */
  remove: (userId: string) => Promise<boolean>;
  /** Marks the account as being deleted (once); the record, or null when there is none. */
  markDeleting: (userId: string, at: Date) => Promise<UserDoc | null>;
  /** Accounts whose deletion started before `before` and has not finished (a crash, a lost request). */
  deletingBefore: (before: Date, limit: number) => Promise<string[]>;
};

export const userIndexes: CollectionIndexes = { collection: 'users', indexes: [] };

export const toProfile = (user: UserDoc): Profile => ({
  id: user._id,
  name: user.name,
  timezone: user.timezone,
  preferences: { ...defaultPreferences, ...user.preferences },
  createdAt: user.createdAt.toISOString(),
});

export const createUserRepo = (db: Db): UserRepo => {
  const users = db.collection<UserDoc>('users');
  return {
    insert: async (user) => {
      await users.insertOne(user);
    },
    get: async (userId) => {
      const user = await users.findOne({ _id: userId });
      return user && { ...user, preferences: { ...defaultPreferences, ...user.preferences } };
    },
    update: (userId, set) =>
      users.findOneAndUpdate({ _id: userId }, { $set: set }, { returnDocument: 'after' }),
    remove: async (userId) => (await users.deleteOne({ _id: userId })).deletedCount === 1,
    markDeleting: async (userId, at) => {
      // The first mark wins, so the resume sweep measures from when deletion really began.
      await users.updateOne(
        { _id: userId, deletingAt: null },
        { $set: { deletingAt: at, deletionRequest: null } },
      );
      return users.findOne({ _id: userId });
    },
    deletingBefore: async (before, limit) =>
      (
        await users
          .find({ deletingAt: { $lt: before } }, { projection: { _id: 1 } })
          .limit(limit)
          .toArray()
      ).map((u) => u._id),
  };
};
