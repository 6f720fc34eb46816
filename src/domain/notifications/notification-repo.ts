import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
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

/** What a delivery attempt ends as; written once per attempt. */
export type DeliveryRecord = {
  status: Exclude<DeliveryStatus, 'sending'>;
  at: Date;
  nudgeDay: string | null;
  lastError: string | null;
};

export type NotificationRepo = {
  /**
   * Marks that an attempt at `<occurrence key>:<channel>` is starting; true for the very first one, which therefore
   * has no log entry to read. A unique insert: on FerretDB reading by `_id` scans the collection, inserting does not.
   */
  claim: (id: string, userId: string, at: Date) => Promise<boolean>;
  /** The delivery log entry for `<occurrence key>:<channel>`, if any attempt was recorded. */
  get: (id: string) => Promise<NotificationDoc | null>;
  /**
   * Records how an attempt ended. The first attempt is one insert (cheap on FerretDB, where an update by `_id` scans
   * the collection); later attempts update the entry. A recorded `sent` is never overwritten.
   */
  record: (
    entry: Pick<
      NotificationDoc,
      '_id' | 'userId' | 'occurrenceKey' | 'kind' | 'channel' | 'title' | 'createdAt'
    >,
    previous: NotificationDoc | null,
    outcome: DeliveryRecord,
  ) => Promise<void>;
  markCancelled: (id: string, at: Date) => Promise<void>;
  /**
   * Takes one of the day's `cap` nudge slots for a notification; false when all are taken. Slots are unique
   * inserts, not a counter: FerretDB 1.x loses concurrent `$inc`s (docs/decisions/0006-ferretdb-atomicity.md).
   */
  reserveNudge: (
    userId: string,
    day: string,
    cap: number,
    notificationId: string,
    expiresAt: Date,
  ) => Promise<boolean>;
  sentForOccurrence: (occurrenceKey: string) => Promise<NotificationDoc[]>;
  list: (userId: string, limit: number) => Promise<NotificationDoc[]>;
  sweepNudgeSlots: (now: Date) => Promise<number>;
  /** Drops attempt claims older than `before`: long after any retry of their job could still run. */
  sweepClaims: (before: Date) => Promise<number>;
};

/** How many people's "next free slot" hints one process keeps; the oldest are forgotten first. */
const SLOT_HINTS = 20_000;

export const createNotificationRepo = (db: Db): NotificationRepo => {
  const notifications = db.collection<NotificationDoc>('notifications');
  const slots = db.collection<NudgeSlot>('nudge_slots');
  const claims = db.collection<{ _id: string; userId: string; at: Date }>('notification_claims');
  // Where this process last found a free slot per person and day. Only a starting point: the unique slot ids still
  // decide, a stale hint costs a few rejected inserts, and counting the slots instead is a full collection scan on
  // FerretDB (docs/decisions/0008-reminder-hot-path.md).
  const slotHints = new Map<string, number>();
  const remember = (hintKey: string, next: number) => {
    slotHints.delete(hintKey);
    slotHints.set(hintKey, next);
    if (slotHints.size > SLOT_HINTS) slotHints.delete(slotHints.keys().next().value!);
  };

  const update = async (id: string, outcome: DeliveryRecord) => {
    const fields = {
      status: outcome.status,
      nudgeDay: outcome.nudgeDay,
      lastError: outcome.lastError?.slice(0, 300) ?? null,
      updatedAt: outcome.at,
      ...(outcome.status === 'sent' ? { sentAt: outcome.at } : {}),
    };
    // A racing duplicate that already sent wins: failures and deferrals never overwrite `sent`.
    const guard = outcome.status === 'sent' ? { _id: id } : { _id: id, status: { $ne: 'sent' as const } };
    await notifications.updateOne(guard, { $set: fields, $inc: { attempts: 1 } });
  };

  return {
    claim: async (id, userId, at) => {
      try {
        await claims.insertOne({ _id: id, userId, at });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    get: (id) => notifications.findOne({ _id: id }),
    record: async (entry, previous, outcome) => {
      if (previous) return update(entry._id, outcome);
      try {
        await notifications.insertOne({
          ...entry,
          status: outcome.status,
          attempts: 1,
          nudgeDay: outcome.nudgeDay,
          updatedAt: outcome.at,
          sentAt: outcome.status === 'sent' ? outcome.at : null,
          lastError: outcome.lastError?.slice(0, 300) ?? null,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await update(entry._id, outcome); // the same occurrence ran twice at once (a stalled job's retry)
      }
    },
    markCancelled: async (id, at) => {
      await notifications.updateOne(
        { _id: id, status: { $ne: 'sent' } },
        { $set: { status: 'cancelled', updatedAt: at } },
      );
    },
    reserveNudge: async (userId, day, cap, notificationId, expiresAt) => {
      // Slots are never given back, so they fill from 0 upwards; a taken slot just moves us to the next one.
      const hintKey = `${userId}:${day}`;
      for (let n = slotHints.get(hintKey) ?? 0; n < cap; n++) {
        try {
          await slots.insertOne({ _id: `${userId}:${day}:${n}`, userId, day, notificationId, expiresAt });
          remember(hintKey, n + 1);
          return true;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error; // someone took slot n first; try the next one
        }
      }
      remember(hintKey, cap);
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
    sweepClaims: async (before) => (await claims.deleteMany({ at: { $lt: before } })).deletedCount,
  };
};
