import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/db.js';
import type { Channel } from '../users/user-schemas.js';
import type { DeliveryStatus, NotificationKind, NotificationLogEntry } from './notification-schemas.js';

export type NotificationDoc = {
  /** `<occurrence key>:<channel>`: one delivery per occurrence and channel, ever. */
  _id: string;
  userId: string;
  occurrenceKey: string;
  kind: NotificationKind;
  channel: Channel;
  status: DeliveryStatus;
  title: string;
  attempts: number;
  /** Whether this delivery already holds one of the day's nudge slots (so retries do not take another). */
  nudgeDay: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};

/** One of a person's nudge slots for a local day; `_id` = `<user>:<day>:<n>` with n below the day's cap. */
type NudgeSlot = { _id: string; userId: string; day: string; notificationId: string; expiresAt: Date };

export const notificationIndexes: CollectionIndexes[] = [
  {
    collection: 'notifications',
    indexes: [
      { key: { userId: 1, createdAt: -1 }, name: 'user_time' },
      { key: { occurrenceKey: 1 }, name: 'occurrence' },
    ],
  },
  {
    collection: 'nudge_slots',
    indexes: [
      { key: { expiresAt: 1 }, name: 'expiry' },
      { key: { notificationId: 1 }, name: 'notification' },
    ],
  },
];

export const toLogEntry = (doc: NotificationDoc): NotificationLogEntry => ({
  id: doc._id,
  kind: doc.kind,
  channel: doc.channel,
  status: doc.status,
  title: doc.title,
  attempts: doc.attempts,
  createdAt: doc.createdAt.toISOString(),
  sentAt: doc.sentAt?.toISOString() ?? null,
  lastError: doc.lastError,
});

export type NotificationRepo = {
  /** Starts (or resumes) a delivery attempt; `sent` means it already went out and must not go again. */
  claim: (doc: Omit<NotificationDoc, 'attempts' | 'status' | 'sentAt' | 'lastError' | 'nudgeDay'>) => Promise<NotificationDoc>;
  markSent: (id: string, at: Date) => Promise<void>;
  markFailed: (id: string, error: string, at: Date) => Promise<void>;
  markDeferred: (id: string, reason: string, at: Date) => Promise<void>;
  markCancelled: (id: string, at: Date) => Promise<void>;
  setNudgeDay: (id: string, day: string) => Promise<void>;
  /**
   * Takes one of the day's `cap` nudge slots for a notification; false when all are taken. Slots are unique
   * inserts, not a counter: FerretDB 1.x loses concurrent `$inc`s (docs/decisions/0006-ferretdb-atomicity.md).
   */
  reserveNudge: (userId: string, day: string, cap: number, notificationId: string, expiresAt: Date) => Promise<boolean>;
  sentForOccurrence: (occurrenceKey: string) => Promise<NotificationDoc[]>;
  list: (userId: string, limit: number) => Promise<NotificationDoc[]>;
  sweepNudgeSlots: (now: Date) => Promise<number>;
};

export const createNotificationRepo = (db: Db): NotificationRepo => {
  const notifications = db.collection<NotificationDoc>('notifications');
  const slots = db.collection<NudgeSlot>('nudge_slots');
  return {
    claim: async (doc) => {
      const fresh: NotificationDoc = { ...doc, status: 'sending', attempts: 1, sentAt: null, lastError: null, nudgeDay: null };
      try {
        await notifications.insertOne(fresh);
        return fresh;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const resumed = await notifications.findOneAndUpdate(
        { _id: doc._id, status: { $in: ['sending', 'deferred', 'failed'] } },
        { $set: { status: 'sending', updatedAt: doc.updatedAt }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      );
      return resumed ?? (await notifications.findOne({ _id: doc._id }))!;
    },
    markSent: async (id, at) => {
      await notifications.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at, updatedAt: at, lastError: null } });
    },
    markFailed: async (id, error, at) => {
      await notifications.updateOne({ _id: id, status: 'sending' }, { $set: { status: 'failed', lastError: error.slice(0, 300), updatedAt: at } });
    },
    markDeferred: async (id, reason, at) => {
      await notifications.updateOne({ _id: id, status: 'sending' }, { $set: { status: 'deferred', lastError: reason, updatedAt: at } });
    },
    markCancelled: async (id, at) => {
      await notifications.updateOne({ _id: id, status: { $ne: 'sent' } }, { $set: { status: 'cancelled', updatedAt: at } });
    },
    setNudgeDay: async (id, day) => {
      await notifications.updateOne({ _id: id }, { $set: { nudgeDay: day } });
    },
    reserveNudge: async (userId, day, cap, notificationId, expiresAt) => {
      // Slots are never given back, so the first free one is at the count (a racing writer just moves us along).
      const taken = (await slots.find({ userId, day }, { projection: { _id: 1 } }).toArray()).length;
      for (let n = taken; n < cap; n++) {
        try {
          await slots.insertOne({ _id: `${userId}:${day}:${n}`, userId, day, notificationId, expiresAt });
          return true;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error; // someone took slot n first; try the next one
        }
      }
      return false;
    },
    sentForOccurrence: (occurrenceKey) => notifications.find({ occurrenceKey, status: 'sent' }).toArray(),
    list: (userId, limit) =>
      notifications
        .find({ userId })
        .sort({ createdAt: -1 })
        .limit(Math.min(Math.max(limit, 1), 200))
        .toArray(),
    sweepNudgeSlots: async (now) => (await slots.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
};
