import type { TestEnv, TestUser } from './test-env.js';

/** What the points tests read straight from the database: the ledger in order and the cached balance. */
export const ledgerReads = (env: () => TestEnv) => ({
  ledgerOf: (user: TestUser) =>
    env()
      .database.db.collection<{ key: string; points: number; balanceAfter: number; seq: number }>(
        'points_ledger',
      )
      .find({ userId: user.userId })
      .sort({ seq: 1 })
      .toArray(),
  cachedBalance: async (user: TestUser) =>
    (
      await env()
        .database.db.collection<{ _id: string; balance: number }>('profiles')
        .findOne({ _id: user.userId })
    )?.balance,
});
