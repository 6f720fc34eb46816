import { createHash } from 'node:crypto';
import type { Binary, Db, Document } from 'mongodb';
import { escapeRegex, isDuplicateKeyError, type Clock } from '../../shared/index.js';
import { ACTIVE_SLOT } from '../focus/focus-repo.js';
import { createPointsLedger } from '../gamification/points-ledger.js';
import { createStreakRepo, streakStateOf } from '../gamification/streak-repo.js';
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
const specsOf = (db: Db, clock: Clock): CollectionPartSpec[] => [
  { name: 'api_tokens', collection: 'api_tokens', filter: byUser, exportAs: withoutSecrets('tokenHash') },
  {
    name: 'calendar_feeds',
    collection: 'calendar_feeds',
    filter: byUser,
    exportAs: withoutSecrets('tokenHash'),
    // One feed per person (unique): the account's own URL stays; the old account's stops working.
    merge: 'drop',
  },
  // Connected apps live under the old account's OAuth grants, which go (see oauthStorePart): connect them again.
  { name: 'oauth_connections', collection: 'oauth_connections', filter: byUser, merge: 'drop' },
  {
    name: 'oauth_sign_in_codes',
    collection: 'oauth_sign_in_codes',
    filter: byUser,
    exportAs: false,
    merge: 'drop',
  },
  { name: 'identities', collection: 'identities', filter: byUser, exportAs: withoutSecrets('unspoken') },
  {
    name: 'email_verifications',
    collection: 'email_verifications',
    filter: byUser,
    exportAs: withoutSecrets('codeHash'),
    // Keyed by the person (`_id` is their id): the old account's unfinished code goes; they can ask for a new one.
    merge: 'drop',
  },
  { name: 'email_bounces', collection: 'email_bounces', filter: byUser },
  {
    name: 'tasks',
    collection: 'tasks',
    filter: byUser,
    // A changed `updatedAt` makes the reminder scan plan the moved tasks' reminders under their new owner.
    merge: async (from, into) => {
      await db
        .collection<{ userId: string }>('tasks')
        .updateMany({ userId: from }, { $set: { userId: into, updatedAt: clock.now() } });
    },
  },
  { name: 'mood_logs', collection: 'mood_logs', filter: byUser },
  {
    name: 'points_ledger',
    collection: 'points_ledger',
    filter: byUser,
    merge: (from, into) => mergePoints(db, clock, from, into),
  },
  // The cached totals of the ledger; the ledger itself is exported. Merging recomputes them from the ledger.
  {
    name: 'points_totals',
    collection: 'profiles',
    filter: byId,
    exportAs: false,
    merge: async (from, into) => {
      await db.collection<{ _id: string }>('profiles').deleteOne({ _id: from });
      await createPointsLedger(db, clock).reconcile(into);
    },
  },
  {
    name: 'streak_states',
    collection: 'streak_states',
    filter: byUser,
    merge: (from, into) => mergeStreaks(db, clock, from, into),
  },
  { name: 'rewards', collection: 'rewards', filter: byUser },
  { name: 'redemptions', collection: 'redemptions', filter: byUser },
  {
    name: 'focus_sessions',
    collection: 'focus_sessions',
    filter: byUser,
    merge: (from, into) => mergeFocusSessions(db, clock, from, into),
  },
  { name: 'notifications', collection: 'notifications', filter: byUser },
  // Delivery bookkeeping of the old account (claims, pacing slots): nothing a person would miss.
  {
    name: 'notification_claims',
    collection: 'notification_claims',
    filter: byUser,
    exportAs: false,
    merge: 'drop',
  },
  { name: 'nudge_slots', collection: 'nudge_slots', filter: byUser, exportAs: false, merge: 'drop' },
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
  // A quota counter: the moved photos count again as the account's next uploads are checked (see proof-images).
  {
    name: 'proof_image_usage',
    collection: 'proof_image_usage',
    filter: byId,
    exportAs: false,
    merge: 'drop',
  },
];

/**
 * Points add up, none lost: the old account's balance arrives as one award (its key names the old account, so a
 * retry awards nothing twice), then the old ledger goes. Lifetime points grow by the balance moved.
 */
const mergePoints = async (db: Db, clock: Clock, from: string, into: string) => {
  const ledger = createPointsLedger(db, clock);
  const { balance } = await ledger.balance(from);
  if (balance > 0)
    await ledger.award(into, {
      // A hash: after the merge nothing but the audit tombstone names the old account.
      key: `account_merged:${createHash('sha256').update(from).digest('base64url').slice(0, 22)}`,
      reason: 'account_merged',
      points: balance,
    });
  await db.collection<{ userId: string }>('points_ledger').deleteMany({ userId: from });
};

/** The better streak stays: the old account's becomes the newest version if it is ahead (longest kept either way). */
const mergeStreaks = async (db: Db, clock: Clock, from: string, into: string) => {
  const streaks = createStreakRepo(db);
  const [theirs, ours] = await Promise.all([streaks.latest(from), streaks.latest(into)]);
  if (theirs && (!ours || theirs.current > ours.current || theirs.longest > ours.longest)) {
    const better = !ours || theirs.current > ours.current ? theirs : ours;
    const state = streakStateOf(better)!;
    const longest = Math.max(theirs.longest, ours?.longest ?? 0);
    await streaks.append(into, ours?.version ?? 0, { ...state, longest }, [], clock.now());
  }
  await db.collection<{ userId: string }>('streak_states').deleteMany({ userId: from });
};

/** Ended sessions move; a running one moves too unless the account has one running, then it ends where it was. */
const mergeFocusSessions = async (db: Db, clock: Clock, from: string, into: string) => {
  const sessions = db.collection<{ _id: string; userId: string; activeSlot: string; status: string }>(
    'focus_sessions',
  );
  await sessions.updateMany({ userId: from, activeSlot: { $ne: ACTIVE_SLOT } }, { $set: { userId: into } });
  const running = await sessions.findOne({ userId: from, activeSlot: ACTIVE_SLOT });
  if (!running) return;
  try {
    await sessions.updateOne({ _id: running._id }, { $set: { userId: into } });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await sessions.updateOne(
      { _id: running._id },
      {
        $set: {
          userId: into,
          activeSlot: running._id,
          status: 'stopped',
          endedAt: clock.now(),
          endReason: 'account_merged',
        },
      },
    );
  }
};

/**
 * Link codes are deleted with their use markers (keyed by the code's hash, which names no one), markers first: a
 * retry after a crash still finds the codes that lead to them.
 */
const linkCodesPart = (db: Db): AccountPart => {
  const codes = db.collection<{ _id: string; userId: string; codeHash: string }>('link_codes');
  const uses = db.collection<{ _id: string }>('link_code_uses');
  const part: AccountPart = {
    name: 'link_codes',
    count: (userId) => codes.countDocuments({ userId }),
    erase: async (userId) => {
      const hashes = (await codes.find({ userId }, { projection: { codeHash: 1 } }).toArray()).map(
        (c) => c.codeHash,
      );
      if (hashes.length > 0) await uses.deleteMany({ _id: { $in: hashes } });
      await codes.deleteMany({ userId });
    },
    // The code that links the accounts is the old account's only if it linked itself; either way codes are spent.
    mergeInto: (from) => part.erase(from),
  };
  return part;
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
  const part: AccountPart = {
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
    // Grants are signed for one account id: the old account's apps are disconnected (connect them again).
    mergeInto: (from) => part.erase(from),
  };
  return part;
};

/** Every domain collection's share of a person, in deletion order. */
export const domainAccountParts = (db: Db, clock: Clock): AccountPart[] => {
  const parts = specsOf(db, clock).map((spec) => collectionPart(db, spec));
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
