import type { Db } from 'mongodb';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/db.js';
import { newId } from '../../shared/ids.js';

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
    { key: { userId: 1, at: -1 }, name: 'user_time' },
  ],
};

type ProfileTotals = { _id: string; balance?: number; lifetimePoints?: number };

const toBalance = (doc: ProfileTotals | null): PointsBalance => {
  const balance = doc?.balance ?? 0;
  const lifetimePoints = doc?.lifetimePoints ?? 0;
  return { balance, lifetimePoints, ...levelFor(lifetimePoints) };
};

export const createPointsLedger = (db: Db, clock: Clock): PointsLedger => {
  const ledger = db.collection<LedgerEntry>('points_ledger');
  const profiles = db.collection<ProfileTotals>('profiles');

  const entryFor = (userId: string, input: AwardInput, points: number): LedgerEntry => ({
    _id: newId('pts'),
    userId,
    key: input.key,
    reason: input.reason,
    points,
    refId: input.refId ?? null,
    at: clock.now(),
  });

  return {
    award: async (userId, input) => {
      if (!Number.isInteger(input.points) || input.points < 0) {
        throw new AppError('BAD_REQUEST', 'Points awarded must be a whole number of zero or more.');
      }
      const entry = entryFor(userId, input, input.points);
      try {
        await ledger.insertOne(entry);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await ledger.findOne({ userId, key: input.key });
        if (!existing) throw error;
        return { isNew: false, entry: existing };
      }
      await profiles.updateOne(
        { _id: userId },
        { $inc: { balance: entry.points, lifetimePoints: entry.points } },
        { upsert: true },
      );
      return { isNew: true, entry };
    },

    spend: async (userId, input) => {
      if (!Number.isInteger(input.points) || input.points <= 0) {
        throw new AppError('BAD_REQUEST', 'Points spent must be a whole number above zero.');
      }
      const debited = await profiles.findOneAndUpdate(
        { _id: userId, balance: { $gte: input.points } },
        { $inc: { balance: -input.points } },
      );
      if (!debited) {
        const current = toBalance(await profiles.findOne({ _id: userId }));
        throw new AppError(
          'INSUFFICIENT_POINTS',
          `That needs ${input.points} points and you have ${current.balance}. Keep going, you're on your way!`,
          { details: { needed: input.points, balance: current.balance } },
        );
      }
      const entry = entryFor(userId, input, -input.points);
      try {
        await ledger.insertOne(entry);
      } catch (error) {
        await profiles.updateOne({ _id: userId }, { $inc: { balance: input.points } }); // undo the debit
        if (isDuplicateKeyError(error)) {
          throw new AppError('CONFLICT', 'That redemption was already made.', { cause: error });
        }
        throw error;
      }
      return entry;
    },

    balance: async (userId) => toBalance(await profiles.findOne({ _id: userId })),

    history: async (userId, limit = 20) =>
      ledger
        .find({ userId })
        .sort({ at: -1, _id: -1 })
        .limit(Math.min(Math.max(limit, 1), 200))
        .toArray(),

    reconcile: async (userId) => {
      let balance = 0;
      let lifetimePoints = 0;
      for await (const entry of ledger.find({ userId }, { projection: { points: 1 } })) {
        balance += entry.points;
        if (entry.points > 0) lifetimePoints += entry.points;
      }
      await profiles.updateOne({ _id: userId }, { $set: { balance, lifetimePoints } }, { upsert: true });
      return { balance, lifetimePoints, ...levelFor(lifetimePoints) };
    },
  };
};
