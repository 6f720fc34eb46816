import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Clock, CollectionIndexes } from '../../shared/index.js';

/** What the authorization server keeps per record: its own payload, opaque to us. */
export type OAuthPayload = Record<string, unknown>;

type StoreDoc = {
  /** `model:sha256(id)`: a bearer secret (token, code) is never a key or a field in the clear. */
  _id: string;
  model: string;
  /** JSON text: payloads have keys such as resource URLs, and FerretDB refuses keys with dots. */
  payload: string;
  grantId: string | null;
  /** sha256 of a session's uid, for the lookups by uid. */
  uidHash: string | null;
  /** The person a grant belongs to, so their connections can be listed. */
  accountId: string | null;
  consumedAt: Date | null;
  /** null: kept until removed (registered clients). Every read filters on it. */
  expiresAt: Date | null;
};

export const oauthStoreIndexes: CollectionIndexes = {
  collection: 'oauth_store',
  indexes: [
    { key: { grantId: 1 }, name: 'grant' },
    { key: { uidHash: 1 }, name: 'uid' },
    { key: { model: 1, accountId: 1 }, name: 'model_account' },
    { key: { expiresAt: 1 }, name: 'expiry' },
  ],
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const keyOf = (model: string, id: string) => `${model}:${sha256(id)}`;
/** Sessions (found by uid) and grants (listed per person) keep their id, which bearer secrets never are. */
const KEEPS_ID = new Set(['Session', 'Grant']);

/**
 * The key-value store the OAuth authorization server persists through: access and refresh tokens, codes,
 * grants, sessions, interactions and registered clients. Keys are hashed; one document per record, each write
 * a single-document upsert (FerretDB: no transactions), each read filtered on `expiresAt`.
 */
export const createOAuthStore = (db: Db, clock: Clock) => {
  const store = db.collection<StoreDoc>('oauth_store');
  const live = () => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: clock.now() } }] });
  const toPayload = (doc: StoreDoc | null, id?: string): OAuthPayload | undefined => {
    if (!doc) return undefined;
    return {
      ...(JSON.parse(doc.payload) as OAuthPayload),
      ...(id !== undefined && !KEEPS_ID.has(doc.model) ? { jti: id } : {}),
      ...(doc.consumedAt ? { consumed: Math.floor(doc.consumedAt.getTime() / 1000) } : {}),
    };
  };
  return {
    upsert: async (model: string, id: string, payload: OAuthPayload, expiresInSeconds?: number) => {
      const { jti: _jti, ...rest } = payload;
      const stored = KEEPS_ID.has(model) ? payload : rest;
      const grantId = typeof payload.grantId === 'string' ? payload.grantId : null;
      const accountId = typeof payload.accountId === 'string' ? payload.accountId : null;
      const uid = typeof payload.uid === 'string' ? payload.uid : null;
      await store.replaceOne(
        { _id: keyOf(model, id) },
        {
          model,
          payload: JSON.stringify(stored),
          grantId,
          accountId,
          uidHash: uid ? sha256(uid) : null,
          consumedAt: null,
          expiresAt: expiresInSeconds ? new Date(clock.now().getTime() + expiresInSeconds * 1000) : null,
        },
        { upsert: true },
      );
    },
    find: async (model: string, id: string) =>
      toPayload(await store.findOne({ _id: keyOf(model, id), ...live() }), id),
    findByUid: async (model: string, uid: string) =>
      toPayload(await store.findOne({ model, uidHash: sha256(uid), ...live() })),
    consume: async (model: string, id: string) => {
      await store.updateOne({ _id: keyOf(model, id) }, { $set: { consumedAt: clock.now() } });
    },
    destroy: async (model: string, id: string) => {
      await store.deleteOne({ _id: keyOf(model, id) });
    },
    /** Records of one kind issued under a grant; without a model, everything issued under it (codes, tokens). */
    revokeByGrantId: async (grantId: string, model?: string) => {
      await store.deleteMany(model ? { grantId, model } : { grantId });
    },
    /** The live grants of one person, newest first. */
    grantsOf: async (accountId: string) =>
      (
        await store
          .find({ model: 'Grant', accountId, ...live() })
          .limit(200)
          .toArray()
      ).map((doc) => ({
        payload: JSON.parse(doc.payload) as OAuthPayload,
        expiresAt: doc.expiresAt,
      })),
    /** Removes expired records; the maintenance sweep calls it. */
    sweep: async (now: Date) => (await store.deleteMany({ expiresAt: { $lte: now } })).deletedCount,
  };
};
export type OAuthStore = ReturnType<typeof createOAuthStore>;
