import type { Db } from 'mongodb';
import type { Channel } from '../domain/index.js';
import { isDuplicateKeyError, type CollectionIndexes } from '../shared/index.js';

/**
 * One record per message a channel received (`channel:messageId`), kept after its reply went out: the unique `_id`
 * is what makes a retried or doubly delivered webhook a duplicate on every node, whatever BullMQ still remembers.
 */
export type InboundReceiptDoc = {
  _id: string;
  channel: Channel;
  messageId: string;
  userId: string;
  status: 'queued' | 'replied' | 'failed';
  receivedAt: Date;
  replyId?: string;
  settledAt?: Date;
};

export const inboundIndexes: CollectionIndexes = {
  collection: 'inbound_events',
  indexes: [{ key: { receivedAt: 1 }, name: 'received' }],
};

export const receiptKey = (channel: Channel, messageId: string) => `${channel}:${messageId}`;

export const createInboundReceipts = (db: Db) => {
  const receipts = db.collection<InboundReceiptDoc>('inbound_events');
  return {
    /** Records a message; false when it was recorded before (by this node or another). */
    record: async (receipt: Omit<InboundReceiptDoc, 'status'>): Promise<boolean> => {
      try {
        await receipts.insertOne({ ...receipt, status: 'queued' });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    get: (key: string) => receipts.findOne({ _id: key }),
    settle: async (key: string, status: 'replied' | 'failed', at: Date, replyId?: string) => {
      await receipts.updateOne(
        { _id: key, status: 'queued' },
        { $set: { status, settledAt: at, ...(replyId ? { replyId } : {}) } },
      );
    },
    /** Forgets messages received before `before`: no provider retries a webhook that late. */
    sweep: async (before: Date): Promise<number> =>
      (await receipts.deleteMany({ receivedAt: { $lt: before } })).deletedCount,
  };
};
export type InboundReceipts = ReturnType<typeof createInboundReceipts>;
