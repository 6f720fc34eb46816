import type { Db } from 'mongodb';
import { z } from 'zod';
import {
  NotificationActionSchema,
  NotificationKindSchema,
  type ChannelSender,
  type OutboundMessage,
} from '../../domain/index.js';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';

type InboxDoc = {
  _id: string;
  userId: string;
  kind: OutboundMessage['kind'];
  title: string;
  text: string;
  taskId: string | null;
  actions: OutboundMessage['actions'];
  createdAt: Date;
  readAt: Date | null;
  /** How many times a sender handed this message over; the person sees it once however many. */
  deliveries: number;
};

export const InboxItemSchema = z.object({
  id: z.string(),
  kind: NotificationKindSchema,
  title: z.string(),
  text: z.string(),
  taskId: z.string().nullable(),
  actions: z.array(NotificationActionSchema),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const inboxIndexes: CollectionIndexes = {
  collection: 'inbox',
  indexes: [{ key: { userId: 1, createdAt: -1 }, name: 'user_time' }],
};

const toItem = (doc: InboxDoc): InboxItem => ({
  id: doc._id,
  kind: doc.kind,
  title: doc.title,
  text: doc.text,
  taskId: doc.taskId,
  actions: doc.actions,
  createdAt: doc.createdAt.toISOString(),
  readAt: doc.readAt?.toISOString() ?? null,
});

/** The in-app channel: messages land in the person's inbox, keyed by idempotency key, so each appears once. */
export const createWebInbox = (
  db: Db,
  clock: { now: () => Date },
  onDelivered?: (userId: string, item: InboxItem) => void,
) => {
  const inbox = db.collection<InboxDoc>('inbox');
  const sender: ChannelSender = {
    channel: 'web',
    needsAddress: false,
    send: async (to, message, idempotencyKey) => {
      const doc: InboxDoc = {
        _id: idempotencyKey,
        userId: to.userId,
        kind: message.kind,
        title: message.title,
        text: message.text,
        taskId: message.taskId,
        actions: message.actions,
        createdAt: clock.now(),
        readAt: null,
        deliveries: 1,
      };
      // A plain insert first: on FerretDB an upsert scans the whole inbox, an insert is checked by the unique _id.
      // Only a repeated hand-over (a retry after a crash, or a racing duplicate) takes the slower update path.
      try {
        await inbox.insertOne(doc);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await inbox.updateOne({ _id: idempotencyKey }, { $inc: { deliveries: 1 } });
        return;
      }
      onDelivered?.(to.userId, toItem(doc));
    },
  };
  return {
    sender,
    list: async (userId: string, { unreadOnly = false, limit = 20 } = {}) =>
      (
        await inbox
          .find({ userId, ...(unreadOnly ? { readAt: null } : {}) })
          .sort({ createdAt: -1 })
          .limit(Math.min(Math.max(limit, 1), 100))
          .toArray()
      ).map(toItem),
    markRead: async (userId: string, id: string) => {
      const doc = await inbox.findOneAndUpdate(
        { _id: id, userId },
        { $set: { readAt: clock.now() } },
        { returnDocument: 'after' },
      );
      return doc ? toItem(doc) : null;
    },
  };
};
export type WebInbox = ReturnType<typeof createWebInbox>;
