import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';

/** A person's one calendar feed: the hash of the secret in its URL (the secret is shown once, never stored). */
export type CalendarFeedDoc = { _id: string; userId: string; tokenHash: string; createdAt: Date };

export const calendarFeedIndexes: CollectionIndexes = {
  collection: 'calendar_feeds',
  indexes: [
    { key: { tokenHash: 1 }, name: 'hash_unique', unique: true },
    { key: { userId: 1 }, name: 'user_unique', unique: true },
  ],
};

export const createCalendarFeedRepo = (db: Db) => {
  const feeds = db.collection<CalendarFeedDoc>('calendar_feeds');
  return {
    /** The person's feed becomes this one; the previous URL stops working in the same write. */
    replace: async (doc: CalendarFeedDoc) => {
      const { userId, tokenHash, createdAt } = doc;
      const write = () =>
        feeds.updateOne(
          { userId },
          { $set: { tokenHash, createdAt }, $setOnInsert: { _id: doc._id } },
          { upsert: true },
        );
      try {
        await write();
      } catch (error) {
        // Two first links made at once: both upserts insert, one loses on the unique userId. The feed exists
        // now, so the second try updates it (the later link wins, as it would have in sequence).
        if (!isDuplicateKeyError(error)) throw error;
        await write();
      }
    },
    get: (userId: string) => feeds.findOne({ userId }),
    findByHash: (tokenHash: string) => feeds.findOne({ tokenHash }),
    /** True when there was a feed to remove. */
    remove: async (userId: string) => (await feeds.deleteOne({ userId })).deletedCount > 0,
  };
};
export type CalendarFeedRepo = ReturnType<typeof createCalendarFeedRepo>;
