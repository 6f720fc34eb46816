import type { Binary, Db, Document } from 'mongodb';
import { escapeRegex } from '../../shared/db.js';
import { collectionPart, plainDoc, type AccountPart, type CollectionPartSpec } from './account-part.js';

const byUser = (userId: string) => ({ userId });
const byId = (userId: string) => ({ _id: userId });

/** Shows only what a person may see again; the hash of a secret is still a secret. */
const withoutSecrets =
  (...fields: string[]) =>
  (doc: Document): Record<string, unknown> => {
    const shown = plainDoc(doc);
    for (const field of fields) delete shown[field];
    return shown;
  };

/**
 * What each domain collection holds of a person. Order matters for deletion: ways in (tokens, feeds, connected
 * apps, identities) go first, so nothing new arrives while the rest is removed.
 */
const specs: CollectionPartSpec[] = [
  { name: 'api_tokens', collection: 'api_tokens', filter: byUser, exportAs: withoutSecrets('tokenHash') },
  {
    name: 'calendar_feeds',
    collection: 'calendar_feeds',
    filter: byUser,
    exportAs: withoutSecrets('tokenHash'),
  },
  { name: 'oauth_connections', collection: 'oauth_connections', filter: byUser },
  { name: 'oauth_sign_in_codes', collection: 'oauth_sign_in_codes', filter: byUser, exportAs: false },
  { name: 'identities', collection: 'identities', filter: byUser, exportAs: withoutSecrets('unspoken') },
  {
    name: 'email_verifications',
    collection: 'email_verifications',
    filter: byUser,
    exportAs: withoutSecrets('codeHash'),
  },
  { name: 'email_bounces', collection: 'email_bounces', filter: byUser },
  { name: 'tasks', collection: 'tasks', filter: byUser },
  { name: 'mood_logs', collection: 'mood_logs', filter: byUser },
  { name: 'points_ledger', collection: 'points_ledger', filter: byUser },
  // The cached totals of the ledger; the ledger itself is exported.
  { name: 'points_totals', collection: 'profiles', filter: byId, exportAs: false },
  { name: 'streak_states', collection: 'streak_states', filter: byUser },
  { name: 'rewards', collection: 'rewards', filter: byUser },
  { name: 'redemptions', collection: 'redemptions', filter: byUser },
  { name: 'focus_sessions', collection: 'focus_sessions', filter: byUser },
  { name: 'notifications', collection: 'notifications', filter: byUser },
  { name: 'notification_claims', collection: 'notification_claims', filter: byUser, exportAs: false },
  { name: 'nudge_slots', collection: 'nudge_slots', filter: byUser, exportAs: false },
  { name: 'proof_images', collection: 'proof_images', filter: byUser },
  {
    name: 'proof_image_data',
    collection: 'proof_image_data',
    filter: byUser,
    // The photos themselves, base64: they are the person's own pictures, and bounded by the per-person quota.
    exportAs: (doc) => ({
      id: doc._id as unknown,
      base64: Buffer.from((doc.data as Binary).buffer).toString('base64'),
    }),
  },
  { name: 'proof_image_usage', collection: 'proof_image_usage', filter: byId, exportAs: false },
];

/**
 * Link codes are deleted with their use markers (keyed by the code's hash, which names no one), markers first: a
 * retry after a crash still finds the codes that lead to them.
 */
const linkCodesPart = (db: Db): AccountPart => {
  const codes = db.collection<{ _id: string; userId: string; codeHash: string }>('link_codes');
  const uses = db.collection<{ _id: string }>('link_code_uses');
  return {
    name: 'link_codes',
    count: (userId) => codes.countDocuments({ userId }),
    erase: async (userId) => {
      const hashes = (await codes.find({ userId }, { projection: { codeHash: 1 } }).toArray()).map(
        (c) => c.codeHash,
      );
      if (hashes.length > 0) await uses.deleteMany({ _id: { $in: hashes } });
      await codes.deleteMany({ userId });
    },
  };
};

/**
 * The OAuth server's records of the person: grants and sessions carry `accountId`; tokens and codes issued under a
 * grant carry its `grantId`; short-lived interactions name the person only inside their JSON payload. Never
 * exported (bearer material); the apps they connected are, as `oauth_connections`.
 */
const oauthStorePart = (db: Db): AccountPart => {
  const store = db.collection<{ _id: string; accountId: string | null; payload: string }>('oauth_store');
  const connections = db.collection<{ _id: string; userId: string }>('oauth_connections');
  const owned = (userId: string) => ({
    $or: [{ accountId: userId }, { payload: { $regex: `"${escapeRegex(userId)}"` } }],
  });
  const grantIdOf = (payload: string): unknown => (JSON.parse(payload) as { jti?: unknown }).jti;
  return {
    name: 'oauth_store',
    count: (userId) => store.countDocuments(owned(userId)),
    erase: async (userId) => {
      // A connected app's id is its grant's id; grants also name their owner. Both, in case one half is gone.
      const ids = new Set((await connections.find({ userId }).toArray()).map((c) => c._id));
      for (const grant of await store.find({ model: 'Grant', accountId: userId }).toArray()) {
        const id = grantIdOf(grant.payload);
        if (typeof id === 'string') ids.add(id);
      }
      // Under-grant records first: a retry still finds the grants (and so their tokens) until the end.
      if (ids.size > 0) await store.deleteMany({ grantId: { $in: [...ids] } });
      await store.deleteMany(owned(userId));
    },
  };
};

/** Every domain collection's share of a person, in deletion order. */
export const domainAccountParts = (db: Db): AccountPart[] => {
  const parts = specs.map((spec) => collectionPart(db, spec));
  // Beside the other ways in; the OAuth records before the connections that lead to them.
  parts.splice(
    parts.findIndex((p) => p.name === 'oauth_connections'),
    0,
    oauthStorePart(db),
  );
  parts.splice(
    parts.findIndex((p) => p.name === 'identities'),
    0,
    linkCodesPart(db),
  );
  return parts;
};
