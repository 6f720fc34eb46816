import type { Db } from 'mongodb';
import { isDuplicateKeyError, newId, type CollectionIndexes } from '../../shared/index.js';
import type { StreakState } from './streak-rules.js';

/** A bonus a streak step earned; kept with the step so a crash before paying it is repaired by the next step. */
export type StreakBonus = {
  key: string;
  reason: 'streak_milestone' | 'comeback';
  points: number;
  milestone?: number;
};

/**
 * One version of a person's streak. Versions are unique per user, so of two concurrent completions only one can
 * write version n+1; the other re-reads and re-applies its day. (Guarded updates are not atomic on FerretDB 1.x.)
 */
export type StreakDoc = StreakState & {
  _id: string;
  userId: string;
  version: number;
  bonuses: StreakBonus[];
  updatedAt: Date;
};

export type StreakRepo = {
  latest: (userId: string) => Promise<StreakDoc | null>;
  /** Writes version `previousVersion + 1`; null when another writer already did. */
  append: (
    userId: string,
    previousVersion: number,
    state: StreakState,
    bonuses: StreakBonus[],
    at: Date,
  ) => Promise<StreakDoc | null>;
};

export const streakIndexes: CollectionIndexes = {
  collection: 'streak_states',
  indexes: [{ key: { userId: 1, version: -1 }, name: 'user_version_unique', unique: true }],
};

/** Older versions are history nobody reads; keep a few for support and drop the rest now and then. */
const KEEP_VERSIONS = 30;

/** The state part of a stored version. */
export const streakStateOf = (doc: StreakDoc | null): StreakState | null =>
  doc && {
    current: doc.current,
    longest: doc.longest,
    lastActiveDay: doc.lastActiveDay,
    runStartDay: doc.runStartDay,
    freezes: doc.freezes,
    graceDays: doc.graceDays ?? [],
    bridgedDays: doc.bridgedDays ?? [],
    activeDays: doc.activeDays ?? 0,
  };

export const createStreakRepo = (db: Db): StreakRepo => {
  const streaks = db.collection<StreakDoc>('streak_states');
  return {
    latest: (userId) => streaks.find({ userId }).sort({ version: -1 }).limit(1).next(),
    append: async (userId, previousVersion, state, bonuses, at) => {
      const doc: StreakDoc = {
        _id: newId('stk'),
        userId,
        version: previousVersion + 1,
        ...state,
        bonuses,
        updatedAt: at,
      };
      try {
        await streaks.insertOne(doc);
      } catch (error) {
        if (isDuplicateKeyError(error)) return null;
        throw error;
      }
      if (doc.version % KEEP_VERSIONS === 0) {
        void streaks
          .deleteMany({ userId, version: { $lt: doc.version - KEEP_VERSIONS } })
          .catch(() => undefined); // tidy-up only
      }
      return doc;
    },
  };
};
