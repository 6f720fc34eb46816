import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/db.js';
import type { Preferences, Profile } from './user-schemas.js';

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
};

export const userIndexes: CollectionIndexes = { collection: 'users', indexes: [] };

export const toProfile = (user: UserDoc): Profile => ({
  id: user._id,
  name: user.name,
  timezone: user.timezone,
  preferences: user.preferences,
  createdAt: user.createdAt.toISOString(),
});

export const createUserRepo = (db: Db): UserRepo => {
  const users = db.collection<UserDoc>('users');
  return {
    insert: async (user) => {
      await users.insertOne(user);
    },
    get: (userId) => users.findOne({ _id: userId }),
    update: (userId, set) => users.findOneAndUpdate({ _id: userId }, { $set: set }, { returnDocument: 'after' }),
  };
};
