import { z } from 'zod';
import { ChainMetaSchema } from '../chain-meta.js';
import { TimeOfDayChoiceSchema } from '../scheduling.js';

export const LevelSchema = z.enum(['low', 'medium', 'high']);

/** What the model must answer. The concrete slot is found by code from the person's real free time. */
export const AnalysisDraftSchema = z.object({
  complexity: LevelSchema.describe('How many moving parts and decisions the task has'),
  estimateMinutes: z.number().int().min(1).max(1440).describe('Minutes a typical person needs in total'),
  energy: LevelSchema.describe('Mental and physical energy the task needs'),
  bestTimeOfDay: TimeOfDayChoiceSchema,
  blockers: z
    .array(z.string().min(3).max(160))
    .max(4)
    .describe('Likely reasons it gets stuck, each with a tiny way around it'),
  summary: z.string().min(3).max(300).describe('One or two kind sentences'),
});
export type AnalysisDraft = z.infer<typeof AnalysisDraftSchema>;

export const SuggestedSlotSchema = z.object({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  reason: z.string(),
});

export const AnalysisSchema = z.object({
  task: z.object({ id: z.string().nullable(), title: z.string() }),
  complexity: LevelSchema,
  estimateMinutes: z.number().int().min(1),
  /** The estimate times this person's learned multiplier. */
  personalEstimateMinutes: z.number().int().min(1),
  energy: LevelSchema,
  bestTimeOfDay: TimeOfDayChoiceSchema,
  blockers: z.array(z.string()).max(4),
  suggestedSlot: SuggestedSlotSchema.nullable(),
  summary: z.string(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const AnalysisResultSchema = AnalysisSchema.extend({ meta: ChainMetaSchema });
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

export type AnalysisInput = {
  taskId?: string | null;
  title: string;
  notes?: string | null;
  dueAt?: string | null;
};
