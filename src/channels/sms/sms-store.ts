import type { Db } from 'mongodb';
import { createProviderStatusLog } from '../../domain/index.js';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
import type { TaskSummary } from '../../planner/index.js';
import type { SmsChoice } from './render-sms.js';

/** A phone number's standing with us: opted out (STOP, 21610) until START; a sign-up waiting for its time zone. */
type NumberDoc = { _id: string; optedOut: boolean; changedAt: Date; pendingZones?: string[] };
/** What a person's short answers mean right now: the last numbered options and the rest of the last list. */
type ThreadDoc = {
  _id: string;
  choices: SmsChoice[];
  more: TaskSummary[];
  /** The FocusForge number the person last texted: reminders come from it. */
  via?: string;
  /** A new person's first text, kept while they are asked their time zone: "5pm" means nothing before it. */
  held?: HeldMessage;
  updatedAt: Date;
};
/** An inbound text waiting for its turn, under its own MessageSid. */
export type HeldMessage = { messageId: string; text: string; receivedAt: Date };
/** One outbound text by its Twilio sid, with the furthest delivery status heard of. */
type MessageDoc = {
  _id: string;
  to: string;
  notificationId: string | null;
  status: SmsStatus;
  rank: number;
  createdAt: Date;
  updatedAt: Date;
};
/** A send in progress or done, by its idempotency key: a retry after a crash finds it and does not text twice. */
type OutboxDoc = {
  _id: string;
  to: string;
  body: string;
  state: 'sending' | 'sent';
  sid: string | null;
  at: Date;
};

export const SMS_STATUSES = [
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
/** Statuses only move forward: a late "sent" never undoes "delivered"; the three final ones never change. */
export const rankOf = (status: SmsStatus): number =>
  ({ accepted: 0, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4 })[status];

export const smsIndexes: CollectionIndexes[] = [
  { collection: 'sms_messages', indexes: [{ key: { notificationId: 1 }, name: 'notification' }] },
  { collection: 'sms_outbox', indexes: [{ key: { at: 1 }, name: 'time' }] },
];

export const createSmsStore = (db: Db) => {
  const numbers = db.collection<NumberDoc>('sms_numbers');
  const threads = db.collection<ThreadDoc>('sms_threads');
  const messages = db.collection<MessageDoc>('sms_messages');
  const outbox = db.collection<OutboxDoc>('sms_outbox');
  const claims = db.collection<{ _id: string; at: Date }>('sms_claims');
  const providerStatus = createProviderStatusLog(db);
  return {
    isOptedOut: async (phone: string) => (await numbers.findOne({ _id: phone }))?.optedOut === true,
    setOptedOut: async (phone: string, optedOut: boolean, at: Date) => {
      await numbers.updateOne({ _id: phone }, { $set: { optedOut, changedAt: at } }, { upsert: true });
    },
    pendingZones: async (phone: string) => (await numbers.findOne({ _id: phone }))?.pendingZones ?? null,
    setPendingZones: async (phone: string, zones: string[] | null, at: Date) => {
      await numbers.updateOne(
        { _id: phone },
        zones ? { $set: { pendingZones: zones, changedAt: at } } : { $unset: { pendingZones: '' } },
        { upsert: Boolean(zones) },
      );
    },
    thread: (key: string) => threads.findOne({ _id: key }),
    saveThread: async (key: string, choices: SmsChoice[], more: TaskSummary[], at: Date, via?: string) => {
      await threads.updateOne(
        { _id: key },
        { $set: { choices, more, updatedAt: at, ...(via ? { via } : {}) } },
        { upsert: true },
      );
    },
    /** Keeps `held` on the thread until `releaseHeld`. */
    hold: async (key: string, held: HeldMessage) => {
      await threads.updateOne(
        { _id: key },
        { $set: { held }, $setOnInsert: { choices: [], more: [], updatedAt: held.receivedAt } },
        { upsert: true },
      );
    },
    /** Forgets the held message once its turn is queued (only that one: a later hold is kept). */
    releaseHeld: async (key: string, messageId: string) => {
      await threads.updateOne({ _id: key, 'held.messageId': messageId }, { $unset: { held: '' } });
    },
    /** The delivery log entry follows the furthest status heard (queued, sent, delivered/undelivered/failed). */
    advanceNotification: async (notificationId: string, status: SmsStatus) => {
      await providerStatus.advance(notificationId, status, rankOf(status));
    },
    /** True for the first caller only: a unique insert, the one write FerretDB 1.x makes atomic. */
    claim: async (key: string, at: Date) => {
      try {
        await claims.insertOne({ _id: key, at });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    /** Starts a send; null when this key is new, else the earlier attempt. */
    beginSend: async (key: string, to: string, body: string, at: Date): Promise<OutboxDoc | null> => {
      try {
        await outbox.insertOne({ _id: key, to, body, state: 'sending', sid: null, at });
        return null;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return outbox.findOne({ _id: key });
      }
    },
    finishSend: async (key: string, sid: string) => {
      await outbox.updateOne({ _id: key }, { $set: { state: 'sent', sid } });
    },
    /** Forgets a send Twilio refused, so the retry may try again. */
    abandonSend: async (key: string) => {
      await outbox.deleteOne({ _id: key, state: 'sending' });
    },
    /** Records a sent text; returns its status, which is further on when a callback came first. */
    recordMessage: async (
      sid: string,
      to: string,
      notificationId: string | null,
      status: SmsStatus,
      at: Date,
    ): Promise<SmsStatus> => {
      try {
        await messages.insertOne({
          _id: sid,
          to,
          notificationId,
          status,
          rank: rankOf(status),
          createdAt: at,
          updatedAt: at,
        });
        return status;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // A status callback got here first and made the record without knowing the notification.
        const found = notificationId
          ? await messages.findOneAndUpdate(
              { _id: sid },
              { $set: { notificationId } },
              { returnDocument: 'after' },
            )
          : await messages.findOne({ _id: sid });
        return found?.status ?? status;
      }
    },
    /** Moves a message's status forward only; returns the message when it moved. */
    advance: async (sid: string, to: string, status: SmsStatus, at: Date) => {
      const rank = rankOf(status);
      const moveForward = () =>
        messages.findOneAndUpdate(
          { _id: sid, rank: { $lt: rank } },
          { $set: { status, rank, updatedAt: at } },
          { returnDocument: 'after' },
        );
      const moved = await moveForward();
      if (moved) return moved;
      // A callback can beat our own record of the send; it then creates the record.
      try {
        await messages.insertOne({
          _id: sid,
          to,
          notificationId: null,
          status,
          rank,
          createdAt: at,
          updatedAt: at,
        });
        return await messages.findOne({ _id: sid });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // The record appeared between our update and our insert (our own "queued" as the send
        // returned): this status must still move it forward.
        return moveForward();
      }
    },
    message: (sid: string) => messages.findOne({ _id: sid }),
    messagesOf: (notificationId: string) => messages.find({ notificationId }).toArray(),
  };
};
export type SmsStore = ReturnType<typeof createSmsStore>;
