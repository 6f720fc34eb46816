import type { Db } from 'mongodb';
import { z } from 'zod';
import { createMoodRepo } from '../domain/index.js';
import type { MoodEntry } from './memory-schemas.js';

/** Recent mood for a memory context, read through the mood module's repository (it owns `mood_logs`). */
export type MoodReader = { recent: (userId: string, since: Date, limit: number) => Promise<MoodEntry[]> };

// Tolerant on purpose: documents written before today's schema are skipped, not fatal.
const StoredMoodSchema = z.object({
  mood: z.union([z.number(), z.string()]),
  energy: z.union([z.number(), z.string()]).nullish(),
  note: z.string().nullish(),
  at: z.date(),
});

export const createMoodReader = (db: Db): MoodReader => {
  const moods = createMoodRepo(db);
  return {
    recent: async (userId, since, limit) => {
      const docs = await moods.list(userId, { from: since }, limit);
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
