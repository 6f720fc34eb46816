import type { Db } from 'mongodb';

// Counts an operator reads across people. Summed in the app rather than with $group: portable to FerretDB 1.x, and
// a page of people or a week of deliveries is small. Reads only ids, times, channels and statuses: never a
// message's words, a task's title or a secret.

export type DeliveryCount = { channel: string; outcome: string; count: number };

export type PersonActivity = {
  tasks: number;
  /** Messages the person sent to the assistant (one per conversation turn). */
  turns: number;
  /** Latest use of an API token or message to the assistant. */
  lastActiveAt: Date | null;
};

export type LlmTotals = {
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

export type AdminReads = {
  activity: (userId: string) => Promise<PersonActivity>;
  llmTotals: (userId: string) => Promise<LlmTotals>;
  /** Deliveries created since `since`, by channel and status. */
  deliveries: (since: Date) => Promise<DeliveryCount[]>;
};

const latest = (...dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** What other modules own and an operator's view counts: the planner's turns and the LLM usage records. */
export type AdminReadSources = {
  turnsOf: (userId: string) => Promise<{ turns: number; lastAt: Date | null }>;
  llmTotalsOf: (userId: string) => Promise<LlmTotals>;
};

export const createAdminReads = (db: Db, sources: AdminReadSources): AdminReads => {
  const tasks = db.collection<{ userId: string; deletedAt?: Date | null }>('tasks');
  const tokens = db.collection<{ userId: string; lastUsedAt: Date | null }>('api_tokens');
  const notifications = db.collection<{ channel: string; status: string; createdAt: Date }>('notifications');
  return {
    activity: async (userId) => {
      const [taskCount, turns, lastToken] = await Promise.all([
        tasks.countDocuments({ userId, deletedAt: null }),
        sources.turnsOf(userId),
        tokens
          .find({ userId, lastUsedAt: { $ne: null } }, { projection: { lastUsedAt: 1 } })
          .sort({ lastUsedAt: -1 })
          .limit(1)
          .next(),
      ]);
      return {
        tasks: taskCount,
        turns: turns.turns,
        lastActiveAt: latest(turns.lastAt, lastToken?.lastUsedAt),
      };
    },
    llmTotals: (userId) => sources.llmTotalsOf(userId),
    deliveries: async (since) => {
      const counts = new Map<string, DeliveryCount>();
      const cursor = notifications.find(
        { createdAt: { $gte: since } },
        { projection: { channel: 1, status: 1 } },
      );
      for await (const row of cursor) {
        const key = `${row.channel}:${row.status}`;
        const entry = counts.get(key) ?? { channel: row.channel, outcome: row.status, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return [...counts.values()].sort((a, b) => b.count - a.count);
    },
  };
};
