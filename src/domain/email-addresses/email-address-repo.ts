import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';

/**
 * The one address a person is proving right now; `_id` is their user id, so a new address replaces the old. A used
 * or withdrawn code leaves the document (address and hash null) so the rate limit's count survives it.
 */
export type EmailVerificationDoc = {
  _id: string;
  userId: string;
  address: string | null;
  codeHash: string | null;
  expiresAt: Date;
  /** Wrong codes tried against this code. */
  attempts: number;
  /** The rate limit's window: when it began and how many codes were sent in it. */
  windowStart: Date;
  sent: number;
  createdAt: Date;
};

/** An address the mail server refused for good: nothing more is sent to it until the person proves it again. */
export type EmailBounceDoc = { _id: string; userId: string; reason: string; at: Date };

export const emailAddressIndexes: CollectionIndexes[] = [
  { collection: 'email_verifications', indexes: [{ key: { userId: 1 }, name: 'user' }] },
  { collection: 'email_bounces', indexes: [{ key: { userId: 1 }, name: 'user' }] },
];

export type EmailAddressRepo = {
  getPending: (userId: string) => Promise<EmailVerificationDoc | null>;
  savePending: (doc: EmailVerificationDoc) => Promise<void>;
  /** Counts one try against a code that still has tries left; null when it has none. */
  countAttempt: (userId: string, maxAttempts: number) => Promise<EmailVerificationDoc | null>;
  /** Clears the pending code only if it is still this one (a code works once); false when it was already gone. */
  consumePending: (userId: string, codeHash: string) => Promise<boolean>;
  removePending: (userId: string) => Promise<void>;
  /** Records a bounce; false when the address was already known to bounce. */
  addBounce: (doc: EmailBounceDoc) => Promise<boolean>;
  isBouncing: (address: string) => Promise<boolean>;
  clearBounce: (address: string) => Promise<void>;
};

export const createEmailAddressRepo = (db: Db): EmailAddressRepo => {
  const pending = db.collection<EmailVerificationDoc>('email_verifications');
  const bounces = db.collection<EmailBounceDoc>('email_bounces');
  return {
    getPending: (userId) => pending.findOne({ _id: userId }),
    savePending: async (doc) => {
      await pending.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },
    countAttempt: (userId, maxAttempts) =>
      pending.findOneAndUpdate(
        { _id: userId, attempts: { $lt: maxAttempts } },
        { $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ),
    consumePending: async (userId, codeHash) =>
      (await pending.updateOne({ _id: userId, codeHash }, { $set: { codeHash: null, address: null } }))
        .modifiedCount === 1,
    removePending: async (userId) => {
      await pending.updateOne({ _id: userId }, { $set: { codeHash: null, address: null } });
    },
    addBounce: async (doc) => {
      try {
        await bounces.insertOne(doc);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    isBouncing: async (address) => (await bounces.countDocuments({ _id: address }, { limit: 1 })) > 0,
    clearBounce: async (address) => {
      await bounces.deleteOne({ _id: address });
    },
  };
};
