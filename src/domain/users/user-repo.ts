import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';
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
  /** `admin`: may use /api/v1/admin (granted only by the CLI). Absent: an ordinary person. */
  role?: 'admin' | null;
  /** Set while an operator has disabled the account: every way in is refused and nothing is sent to them. */
  disabledAt?: Date | null;
};

export type UserRepo = {
  insert: (user: UserDoc) => Promise<void>;
  get: (userId: string) => Promise<UserDoc | null>;
  /** Read from the database, never the cache: for decisions another process may just have changed (admin rights). */
  getFresh: (userId: string) => Promise<UserDoc | null>;
  /** One page of accounts in id order, after `after` (exclusive). */
  page: (options: { after?: string | undefined; limit: number }) => Promise<UserDoc[]>;
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

/** How long a read profile is reused; changes made in this process show at once, in another within this time. */
export const PROFILE_CACHE_MS = 5_000;
const PROFILE_CACHE_SIZE = 1_000;

const withDefaults = (user: UserDoc): UserDoc => ({
  ...user,
  preferences: { ...defaultPreferences, ...user.preferences },
});

export const createUserRepo = (db: Db): UserRepo => {
  const users = db.collection<UserDoc>('users');
  // Nearly every tool call needs the person's time zone; a round trip for it each time doubled a task's creation.
  const recent = new Map<string, { user: UserDoc; until: number }>();
  // Bumped by every write here, so a read that overlapped a write never caches what it read.
  let writes = 0;
  const forget = (userId: string) => {
    writes += 1;
    recent.delete(userId);
  };
  const remember = (user: UserDoc) => {
    recent.delete(user._id);
    recent.set(user._id, { user, until: Date.now() + PROFILE_CACHE_MS });
    if (recent.size > PROFILE_CACHE_SIZE) recent.delete(recent.keys().next().value as string);
  };
  const copy = (user: UserDoc): UserDoc => ({
    ...user,
    preferences: structuredClone(user.preferences),
  });
  return {
    insert: async (user) => {
      forget(user._id);
      await users.insertOne(user);
    },
    get: async (userId) => {
      const hit = recent.get(userId);
      if (hit && hit.until > Date.now()) return copy(hit.user);
      const before = writes;
      const user = await users.findOne({ _id: userId });
      if (!user) return null;
      const full = withDefaults(user);
      if (writes === before) remember(full);
      return copy(full);
    },
    getFresh: async (userId) => {
      const user = await users.findOne({ _id: userId });
      return user ? withDefaults(user) : null;
    },
    page: async ({ after, limit }) =>
      (
        await users
          .find(after ? { _id: { $gt: after } } : {}, { projection: { deletionRequest: 0 } })
          .sort({ _id: 1 })
          .limit(limit)
          .toArray()
      ).map(withDefaults),
    update: async (userId, set) => {
      forget(userId);
      try {
        return await users.findOneAndUpdate({ _id: userId }, { $set: set }, { returnDocument: 'after' });
      } finally {
        forget(userId);
      }
    },
    remove: async (userId) => {
      forget(userId);
      try {
        return (await users.deleteOne({ _id: userId })).deletedCount === 1;
      } finally {
        forget(userId);
      }
    },
    markDeleting: async (userId, at) => {
      forget(userId);
      // The first mark wins, so the resume sweep measures from when deletion really began.
      await users.updateOne(
        { _id: userId, deletingAt: null },
        { $set: { deletingAt: at, deletionRequest: null } },
      );
      forget(userId);
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
