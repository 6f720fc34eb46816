import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';
import type { Redemption, Reward } from './gamification-schemas.js';

export type RewardDoc = {
  _id: string;
  userId: string;
  title: string;
  description: string;
  cost: number;
  status: 'active' | 'archived';
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
};

export type RedemptionDoc = {
  _id: string;
  userId: string;
  rewardId: string;
  /** Title and cost as they were when redeemed; the reward may change later. */
  title: string;
  cost: number;
  ledgerEntryId: string;
  balanceAfter: number;
  redeemedAt: Date;
};

export type RewardRepo = {
  insert: (reward: RewardDoc) => Promise<void>;
  get: (userId: string, rewardId: string) => Promise<RewardDoc | null>;
  list: (userId: string, status: 'active' | 'archived' | 'all', limit: number) => Promise<RewardDoc[]>;
  count: (userId: string) => Promise<number>;
  update: (
    userId: string,
    rewardId: string,
    set: Partial<Omit<RewardDoc, '_id' | 'userId' | 'createdAt'>>,
  ) => Promise<RewardDoc | null>;
  insertRedemption: (redemption: RedemptionDoc) => Promise<void>;
  listRedemptions: (userId: string, limit: number) => Promise<RedemptionDoc[]>;
};

export const rewardIndexes: CollectionIndexes = {
  collection: 'rewards',
  indexes: [{ key: { userId: 1, status: 1, createdAt: -1 }, name: 'user_status_time' }],
};

export const redemptionIndexes: CollectionIndexes = {
  collection: 'redemptions',
  indexes: [
    { key: { userId: 1, redeemedAt: -1 }, name: 'user_time' },
    { key: { ledgerEntryId: 1 }, name: 'ledger_entry_unique', unique: true },
  ],
};

export const toReward = (doc: RewardDoc): Reward => ({
  id: doc._id,
  title: doc.title,
  description: doc.description,
  cost: doc.cost,
  status: doc.status,
  createdAt: doc.createdAt.toISOString(),
  updatedAt: doc.updatedAt.toISOString(),
  archivedAt: doc.archivedAt?.toISOString() ?? null,
});

export const toRedemption = (doc: RedemptionDoc): Redemption => ({
  id: doc._id,
  rewardId: doc.rewardId,
  title: doc.title,
  cost: doc.cost,
  balanceAfter: doc.balanceAfter,
  redeemedAt: doc.redeemedAt.toISOString(),
});

export const createRewardRepo = (db: Db): RewardRepo => {
  const rewards = db.collection<RewardDoc>('rewards');
  const redemptions = db.collection<RedemptionDoc>('redemptions');
  return {
    insert: async (reward) => {
      await rewards.insertOne(reward);
    },
    get: (userId, rewardId) => rewards.findOne({ _id: rewardId, userId }),
    list: (userId, status, limit) =>
      rewards
        .find({ userId, ...(status === 'all' ? {} : { status }) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .toArray(),
    count: (userId) => rewards.countDocuments({ userId }),
    update: (userId, rewardId, set) =>
      rewards.findOneAndUpdate({ _id: rewardId, userId }, { $set: set }, { returnDocument: 'after' }),
    insertRedemption: async (redemption) => {
      await redemptions.insertOne(redemption);
    },
    listRedemptions: (userId, limit) =>
      redemptions.find({ userId }).sort({ redeemedAt: -1, _id: -1 }).limit(limit).toArray(),
  };
};
