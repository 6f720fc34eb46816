import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';
import type { MoodLog } from './mood-schemas.js';

export type MoodDoc = {
  _id: string;
  userId: string;
  mood: number;
  energy: number;
  note: string | null;
  tags: string[];
  at: Date;
  createdAt: Date;
};

export type MoodRepo = {
  insert: (log: MoodDoc) => Promise<void>;
  /** Newest first, within [from, to]. */
  list: (userId: string, range: { from?: Date; to?: Date }, limit: number) => Promise<MoodDoc[]>;
  /** When tasks were completed, read from the points ledger (`task_completed:` entries), oldest first. */
  completionTimes: (userId: string, range: { from: Date; to: Date }, limit: number) => Promise<Date[]>;
};

export const moodIndexes: CollectionIndexes = {
  collection: 'mood_logs',
  indexes: [{ key: { userId: 1, at: -1 }, name: 'user_time' }],
};

export const toMoodLog = (doc: MoodDoc): MoodLog => ({
  id: doc._id,
  mood: doc.mood,
  energy: doc.energy,
  note: doc.note,
  tags: doc.tags,
  at: doc.at.toISOString(),
  createdAt: doc.createdAt.toISOString(),
});

const rangeFilter = (range: { from?: Date | undefined; to?: Date | undefined }) =>
  range.from || range.to
    ? { at: { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) } }
    : {};

export const createMoodRepo = (db: Db): MoodRepo => {
  const moods = db.collection<MoodDoc>('mood_logs');
  const ledger = db.collection<{ userId: string; key: string; at: Date }>('points_ledger');
  return {
    insert: async (log) => {
      await moods.insertOne(log);
    },
    list: (userId, range, limit) =>
      moods
        .find({ userId, ...rangeFilter(range) })
        .sort({ at: -1, _id: -1 })
        .limit(limit)
        .toArray(),
    completionTimes: async (userId, range, limit) => {
      const entries = await ledger
        .find(
          { userId, key: { $regex: '^task_completed:' }, ...rangeFilter(range) },
          { projection: { at: 1 } },
        )
        .sort({ at: 1 })
        .limit(limit)
        .toArray();
      return entries.map((e) => e.at);
    },
  };
};
