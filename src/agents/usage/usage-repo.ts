import type { Db } from 'mongodb';
import { z } from 'zod';
import type { LlmPurpose } from '../../config.js';
import { newId, type Clock, type CollectionIndexes } from '../../shared/index.js';
import type { CallOutcome } from '../llm/failures.js';

/** One call to the model: who it was for, which chain, what it cost. Failed calls are recorded too (with 0 tokens). */
export type UsageRecord = {
  _id: string;
  userId: string;
  chain: LlmPurpose;
  model: string;
  /** How structured output was requested: json_schema, tool_calling, json_object, prompt, or text. */
  mode: string;
  outcome: CallOutcome;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  at: Date;
};

export type NewUsage = Omit<UsageRecord, '_id' | 'at'>;

const TotalsSchema = z.object({
  calls: z.number().int(),
  failures: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
});

export const UsageSummarySchema = TotalsSchema.extend({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  byChain: z.array(TotalsSchema.extend({ chain: z.string() })),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

export type UsageRepo = {
  record: (usage: NewUsage) => Promise<void>;
  /** Totals per chain for one person in [from, to). */
  summarize: (userId: string, range: { from: Date; to: Date }) => Promise<UsageSummary>;
  list: (userId: string, limit?: number) => Promise<UsageRecord[]>;
};

export const usageIndexes: CollectionIndexes = {
  collection: 'llm_usage',
  indexes: [
    { key: { userId: 1, at: -1 }, name: 'user_time' },
    { key: { userId: 1, chain: 1, at: -1 }, name: 'user_chain_time' },
  ],
};

type Totals = z.infer<typeof TotalsSchema>;
const emptyTotals = (): Totals => ({ calls: 0, failures: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
const roundUsd = (usd: number) => Math.round(usd * 1e8) / 1e8;

export const createUsageRepo = (db: Db, clock: Clock): UsageRepo => {
  const usage = db.collection<UsageRecord>('llm_usage');
  return {
    record: async (entry) => {
      await usage.insertOne({ _id: newId('llm'), ...entry, at: clock.now() });
    },

    // Summed in the app rather than with $group: portable to FerretDB 1.x, and one person's month is small.
    summarize: async (userId, { from, to }) => {
      const total = emptyTotals();
      const byChain = new Map<string, Totals>();
      const cursor = usage.find(
        { userId, at: { $gte: from, $lt: to } },
        { projection: { chain: 1, outcome: 1, inputTokens: 1, outputTokens: 1, costUsd: 1 } },
      );
      for await (const row of cursor) {
        const chain = byChain.get(row.chain) ?? emptyTotals();
        for (const t of [total, chain]) {
          t.calls += 1;
          if (row.outcome !== 'ok') t.failures += 1;
          t.inputTokens += row.inputTokens;
          t.outputTokens += row.outputTokens;
          t.costUsd = roundUsd(t.costUsd + row.costUsd);
        }
        byChain.set(row.chain, chain);
      }
      return {
        ...total,
        from: from.toISOString(),
        to: to.toISOString(),
        byChain: [...byChain.entries()]
          .map(([chain, t]) => ({ chain, ...t }))
          .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls),
      };
    },

    list: async (userId, limit = 50) =>
      usage
        .find({ userId })
        .sort({ at: -1 })
        .limit(Math.min(Math.max(limit, 1), 500))
        .toArray(),
  };
};
