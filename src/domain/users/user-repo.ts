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
};

export type UserRepo = {
  insert: (user: UserDoc) => Promise<void>;
  get: (userId: string) => Promise<UserDoc | null>;
  update: (userId: string, set: Partial<Omit<UserDoc, '_id' | 'createdAt'>>) => Promise<UserDoc | null>;
  /** Deletes the account record; true when it existed. */
  remove: (userId: string) => Promise<boolean>;
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
  };
};
