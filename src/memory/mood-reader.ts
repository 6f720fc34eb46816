import type { Db } from 'mongodb';
import { z } from 'zod';
import type { MoodEntry } from './memory-schemas.js';

/** Recent mood for a memory context. Reads `mood_logs` directly: memory does not depend on the mood module. */
export type MoodReader = { recent: (userId: string, since: Date, limit: number) => Promise<MoodEntry[]> };

// Tolerant on purpose: the mood module owns this collection's shape; anything unexpected is skipped, not fatal.
const StoredMoodSchema = z.object({
  mood: z.union([z.number(), z.string()]),
  energy: z.union([z.number(), z.string()]).nullish(),
  note: z.string().nullish(),
  at: z.date(),
});

export const createMoodReader = (db: Db): MoodReader => {
  const moodLogs = db.collection('mood_logs');
  return {
    recent: async (userId, since, limit) => {
      const docs = await moodLogs
        .find({ userId, at: { $gte: since } })
        .sort({ at: -1 })
        .limit(limit)
        .toArray();
      const entries: MoodEntry[] = [];
      for (const doc of docs) {
        const parsed = StoredMoodSchema.safeParse(doc);
        if (!parsed.success) continue;
        const { mood, energy, note, at } = parsed.data;
        entries.push({ mood, energy: energy ?? null, note: note ?? null, at: at.toISOString() });
      }
      return entries;
    },
  };
};
