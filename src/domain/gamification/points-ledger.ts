import type { Db } from 'mongodb';
import {
  AppError,
  isDuplicateKeyError,
  newId,
  type Clock,
  type CollectionIndexes,
} from '../../shared/index.js';
import { withContention } from './contention.js';

export type LedgerEntry = {
  _id: string;
  userId: string;
  /** Idempotency key: the same key is applied once per user, ever (e.g. `task_completed:task_x`). */
  key: string;
  reason: string;
  /** Positive for awards; negative only when the person spends points on a reward. Never a penalty. */
  points: number;
  refId: string | null;
  at: Date;
  /**
   * Position in this person's ledger (1, 2, 3...), unique per user. Every entry is written against the one
   * before it, so two writers can never both spend the same balance: the second insert collides and retries.
   */
  seq: number;
  /** Balance and lifetime points right after this entry: the ledger carries its own running totals. */
  balanceAfter: number;
  lifetimeAfter: number;
};

/** Cached totals of the ledger, kept in `profiles`; `reconcile` recomputes them from the ledger itself. */
export type PointsBalance = { balance: number; lifetimePoints: number; level: number; nextLevelAt: number };

export type AwardInput = { key: string; reason: string; points: number; refId?: string | null };

export type PointsLedger = {
  /** Appends an award once per key; a repeated key awards nothing and returns `isNew: false`. */
  award: (userId: string, input: AwardInput) => Promise<{ isNew: boolean; entry: LedgerEntry }>;
  /** Spends points atomically: fails with INSUFFICIENT_POINTS instead of ever going below zero. */
  spend: (userId: string, input: AwardInput) => Promise<LedgerEntry>;
  balance: (userId: string) => Promise<PointsBalance>;
  history: (userId: string, limit?: number) => Promise<LedgerEntry[]>;
  /** Recomputes the cached totals from the append-only ledger (repairs a crash between the two writes). */
  reconcile: (userId: string) => Promise<PointsBalance>;
};

/** Level from lifetime points: level n starts at 50·(n-1)² points, so early levels come quickly. */
export const levelFor = (lifetimePoints: number): { level: number; nextLevelAt: number } => {
  const level = Math.floor(Math.sqrt(Math.max(0, lifetimePoints) / 50)) + 1;
  return { level, nextLevelAt: 50 * level * level };
};

export const ledgerIndexes: CollectionIndexes = {
  collection: 'points_ledger',
  indexes: [
    { key: { userId: 1, key: 1 }, name: 'user_key_unique', unique: true },
    { key: { userId: 1, seq: -1 }, name: 'user_seq_unique', unique: true },
    { key: { userId: 1, at: -1 }, name: 'user_time' },
  ],
};

/** The `profiles` cache of the ledger's newest totals; `ledgerSeq` says which entry it reflects. */
type ProfileTotals = { _id: string; balance?: number; lifetimePoints?: number; ledgerSeq?: number };

const totalsOf = (entry: Pick<LedgerEntry, 'balanceAfter' | 'lifetimeAfter'> | null): PointsBalance => {
  const balance = entry?.balanceAfter ?? 0;
  const lifetimePoints = entry?.lifetimeAfter ?? 0;
  return { balance, lifetimePoints, ...levelFor(lifetimePoints) };
};

export const createPointsLedger = (db: Db, clock: Clock): PointsLedger => {
  const ledger = db.collection<LedgerEntry>('points_ledger');
  const profiles = db.collection<ProfileTotals>('profiles');

  const latest = (userId: string) => ledger.find({ userId }).sort({ seq: -1 }).limit(1).next();

  /**
   * Makes the profile cache show the newest entry. Updates are not compare-and-swap on every server we support
   * (FerretDB 1.x), so a slow writer may overwrite a newer value; each writer therefore checks after writing and
   * writes again until cache and ledger agree. The last write is always followed by its writer's check.
   */
  const syncCache = async (userId: string): Promise<void> => {
    for (let round = 0; round < 30; round++) {
      const newest = await latest(userId);
      if (!newest) return;
      try {
        await profiles.updateOne(
          { _id: userId },
          {
            $set: {
              balance: newest.balanceAfter,
              lifetimePoints: newest.lifetimeAfter,
              ledgerSeq: newest.seq,
            },
          },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // two first-time upserts raced; look again
      }
      const [cached, check] = await Promise.all([profiles.findOne({ _id: userId }), latest(userId)]);
      if (cached?.ledgerSeq === check?.seq) return;
    }
  };

  /** Inserts the entry `build` makes from the newest one; retries when another writer extended the chain first. */
  const append = async (
    userId: string,
    key: string,
    build: (previous: LedgerEntry | null) => LedgerEntry,
  ): Promise<{ isNew: boolean; entry: LedgerEntry }> => {
    const result = await withContention(async () => {
      const entry = build(await latest(userId));
      try {
        await ledger.insertOne(entry);
        return { isNew: true, entry };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await ledger.findOne({ userId, key });
        if (existing) return { isNew: false, entry: existing };
        return undefined; // lost the race for this position: read the new newest entry and try again
      }
    }, 'Points are busy for a moment. Nothing was lost; please try again.');
    if (result.isNew) await syncCache(userId);
    return result;
  };

  const entryFor = (
    userId: string,
    input: AwardInput,
    points: number,
    previous: LedgerEntry | null,
  ): LedgerEntry => {
    const before = totalsOf(previous);
    return {
      _id: newId('pts'),
      userId,
      key: input.key,
      reason: input.reason,
      points,
      refId: input.refId ?? null,
      at: clock.now(),
      seq: (previous?.seq ?? 0) + 1,
      balanceAfter: before.balance + points,
      lifetimeAfter: before.lifetimePoints + Math.max(0, points),
    };
  };

  return {
    award: async (userId, input) => {
      if (!Number.isInteger(input.points) || input.points < 0) {
        throw new AppError('BAD_REQUEST', 'Points awarded must be a whole number of zero or more.');
      }
      const existing = await ledger.findOne({ userId, key: input.key });
      if (existing) return { isNew: false, entry: existing };
      return append(userId, input.key, (previous) => entryFor(userId, input, input.points, previous));
    },

    spend: async (userId, input) => {
      if (!Number.isInteger(input.points) || input.points <= 0) {
        throw new AppError('BAD_REQUEST', 'Points spent must be a whole number above zero.');
      }
      const { isNew, entry } = await append(userId, input.key, (previous) => {
        const { balance } = totalsOf(previous);
        if (balance < input.points) {
          throw new AppError(
            'INSUFFICIENT_POINTS',
            `That needs ${input.points} points and you have ${balance}. Keep going, you're on your way!`,
            { details: { needed: input.points, balance } },
          );
        }
        return entryFor(userId, input, -input.points, previous);
      });
      if (!isNew) throw new AppError('CONFLICT', 'That redemption was already made.');
      return entry;
    },

    balance: async (userId) => totalsOf(await latest(userId)),

    history: async (userId, limit = 20) =>
      ledger
        .find({ userId })
        .sort({ seq: -1 })
        .limit(Math.min(Math.max(limit, 1), 200))
        .toArray(),

    reconcile: async (userId) => {
      let balance = 0;
      let lifetimePoints = 0;
      let seq = 0;
      for await (const entry of ledger.find({ userId }, { projection: { points: 1, seq: 1 } })) {
        balance += entry.points;
        if (entry.points > 0) lifetimePoints += entry.points;
        seq = Math.max(seq, entry.seq ?? 0);
      }
      await profiles.updateOne(
        { _id: userId },
        { $set: { balance, lifetimePoints, ledgerSeq: seq } },
        { upsert: true },
      );
      return { balance, lifetimePoints, ...levelFor(lifetimePoints) };
    },
  };
};
