import { z } from 'zod';
import { ChainMetaSchema } from '../chain-meta.js';

export const MAX_PICKS = 6;

/** What the planner needs to know about one open task. */
export type PlanTask = {
  id: string;
  title: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  dueAt: string | null;
  dueDate: string | null;
  isOverdue: boolean;
  estimateMinutes: number | null;
  energy: 'low' | 'medium' | 'high' | null;
};

/** What the model must answer: which tasks, in which order, and why. Times are set by code. */
export const PlanDraftSchema = z.object({
  picks: z
    .array(z.object({ taskId: z.string().min(1).max(64), reason: z.string().trim().min(3).max(160) }))
    .min(1)
    .max(MAX_PICKS),
  summary: z
    .string()
    .trim()
    .min(3)
    .max(300)
    .describe('One kind sentence about the day, at most twenty words; no pressure'),
});
export type PlanDraft = z.infer<typeof PlanDraftSchema>;

export const PlanBlockSchema = z.object({
  kind: z.enum(['task', 'break']),
  taskId: z.string().nullable(),
  title: z.string(),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  minutes: z.number().int().min(1),
  reason: z.string(),
});

export const DayPlanSchema = z.object({
  date: z.iso.date(),
  timezone: z.string(),
  blocks: z.array(PlanBlockSchema),
  /** Open tasks left for another day: not failures, just not today. */
  later: z.array(z.object({ taskId: z.string(), title: z.string() })),
  capacityMinutes: z.number().int().min(0),
  plannedMinutes: z.number().int().min(0),
  summary: z.string(),
});
export type DayPlan = z.infer<typeof DayPlanSchema>;

export const DayPlanResultSchema = DayPlanSchema.extend({ meta: ChainMetaSchema });
export type DayPlanResult = z.infer<typeof DayPlanResultSchema>;
