import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
import type { Channel } from '../channel.js';
import type { Identity } from './identity-schemas.js';

export type IdentityDoc = {
  _id: string;
  userId: string;
  channel: Channel;
  address: string;
  createdAt: Date;
  /** Set on an anonymous web account until its first message; such accounts are swept when they stay silent. */
  unspoken?: true;
};

export type LinkCodeDoc = {
  _id: string;
  userId: string;
  codeHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
};

export const identityIndexes: CollectionIndexes[] = [
  {
    collection: 'identities',
    indexes: [
      { key: { channel: 1, address: 1 }, name: 'channel_address_unique', unique: true },
      { key: { userId: 1 }, name: 'user' },
      { key: { unspoken: 1, createdAt: 1 }, name: 'unspoken_created' },
    ],
  },
  {
    collection: 'link_codes',
    indexes: [
      { key: { codeHash: 1 }, name: 'code_unique', unique: true },
      { key: { expiresAt: 1 }, name: 'expiry' },
    ],
  },
];

export const toIdentity = (doc: IdentityDoc): Identity => ({
  id: doc._id,
  channel: doc.channel,
  address: doc.address,
  createdAt: doc.createdAt.toISOString(),
});

export type IdentityRepo = {
  insert: (doc: IdentityDoc) => Promise<void>;
  find: (channel: Channel, address: string) => Promise<IdentityDoc | null>;
  list: (userId: string) => Promise<IdentityDoc[]>;
  remove: (userId: string, id: string) => Promise<IdentityDoc | null>;
  /** Clears `unspoken` (the person said something); null when the identity no longer exists. */
  markSpoken: (channel: Channel, address: string) => Promise<IdentityDoc | null>;
  /** Identities still `unspoken` that were made before `before`, oldest first. */
  unspokenBefore: (before: Date, limit: number) => Promise<IdentityDoc[]>;
  /** Deletes the identity only while it is still `unspoken` (a first message wins over the sweep). */
  removeUnspoken: (id: string) => Promise<IdentityDoc | null>;
  /** Deletes every identity of a person (their account is going). */
  removeAllOf: (userId: string) => Promise<number>;
  insertLinkCode: (doc: LinkCodeDoc) => Promise<void>;
  /** Marks a live, unused code as used and returns it; a code works once. */
  consumeLinkCode: (codeHash: string, now: Date) => Promise<LinkCodeDoc | null>;
  /** Deletes codes (and their use records) that expired over a day ago; returns how many codes went. */
  sweepLinkCodes: (now: Date) => Promise<number>;
};

export const createIdentityRepo = (db: Db): IdentityRepo => {
  const identities = db.collection<IdentityDoc>('identities');
  const codes = db.collection<LinkCodeDoc>('link_codes');
  const uses = db.collection<{ _id: string; usedAt: Date }>('link_code_uses');
  return {
    insert: async (doc) => {
      await identities.insertOne(doc);
    },
    find: (channel, address) => identities.findOne({ channel, address }),
    list: (userId) => identities.find({ userId }).sort({ createdAt: 1 }).limit(100).toArray(),
    remove: (userId, id) => identities.findOneAndDelete({ _id: id, userId }),
    markSpoken: (channel, address) =>
      identities.findOneAndUpdate({ channel, address }, { $unset: { unspoken: '' } }),
    unspokenBefore: (before, limit) =>
      identities
        .find({ unspoken: true, createdAt: { $lt: before } }, { sort: { createdAt: 1 }, limit })
        .toArray(),
    removeUnspoken: (id) => identities.findOneAndDelete({ _id: id, unspoken: true }),
    removeAllOf: async (userId) => (await identities.deleteMany({ userId })).deletedCount,
    insertLinkCode: async (doc) => {
      await codes.insertOne(doc);
    },
    consumeLinkCode: async (codeHash, now) => {
      const code = await codes.findOne({ codeHash, usedAt: null, expiresAt: { $gt: now } });
      if (!code) return null;
      // A unique insert is the one write FerretDB 1.x makes atomic, so two racing uses cannot both win.
      try {
        await uses.insertOne({ _id: codeHash, usedAt: now });
      } catch (error) {
        if (isDuplicateKeyError(error)) return null;
        throw error;
      }
      await codes.updateOne({ _id: code._id }, { $set: { usedAt: now } });
      return code;
    },
    sweepLinkCodes: async (now) => {
      const before = new Date(now.getTime() - 86_400_000);
      const stale = await codes
        .find({ expiresAt: { $lt: before } }, { projection: { codeHash: 1 } })
        .toArray();
      if (stale.length === 0) return 0;
      await uses.deleteMany({ _id: { $in: stale.map((c) => c.codeHash) } });
      return (await codes.deleteMany({ _id: { $in: stale.map((c) => c._id) } })).deletedCount;
    },
  };
};
