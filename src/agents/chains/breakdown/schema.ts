import { z } from 'zod';
import { ChainMetaSchema } from '../chain-meta.js';

export const MIN_STEPS = 3;
export const MAX_STEPS = 8;
/** The first step is something a person can do right now without deciding anything. */
export const FIRST_STEP_MAX_MINUTES = 2;

export const GranularitySchema = z
  .number()
  .int()
  .min(1)
  .max(5)
  .describe('1 = a few bigger steps, 5 = many tiny steps; default 3');

const firstStepIsTiny = (steps: { minutes: number }[]) =>
  (steps[0]?.minutes ?? Infinity) <= FIRST_STEP_MAX_MINUTES;
const firstStepIssue = {
  message: `the first step must take at most ${FIRST_STEP_MAX_MINUTES} minutes`,
  path: [0, 'minutes'],
};

const StepTitleSchema = z.string().trim().min(3).max(160);

/** What the model must answer: steps in order, the first one tiny. */
export const BreakdownDraftSchema = z.object({
  steps: z
    .array(
      z.object({
        title: StepTitleSchema.describe('A concrete action starting with a verb'),
        minutes: z.number().int().min(1).max(240).describe('Minutes a typical person needs'),
      }),
    )
    .min(MIN_STEPS)
    .max(MAX_STEPS)
    .refine(firstStepIsTiny, firstStepIssue),
  note: z.string().max(300).describe('One short, kind sentence about the plan (no pressure, no guilt)'),
});
export type BreakdownDraft = z.infer<typeof BreakdownDraftSchema>;

export const BreakdownStepSchema = z.object({
  position: z.number().int().min(1),
  title: StepTitleSchema,
  /** This person's estimate: the typical time times their personal estimate multiplier. */
  minutes: z.number().int().min(1).max(480),
});

export const PersonalPaceSchema = z.object({
  /** Actual time over estimated time, learned from finished tasks; 1 until there is enough history. */
  estimateMultiplier: z.number().min(0.5).max(3),
  /** Median size of the steps this person finishes; null without enough history. */
  typicalStepMinutes: z.number().int().nullable(),
  samples: z.number().int().min(0),
});
export type PersonalPace = z.infer<typeof PersonalPaceSchema>;

export const BreakdownSchema = z.object({
  task: z.object({ id: z.string().nullable(), title: z.string() }),
  granularity: GranularitySchema,
  steps: z.array(BreakdownStepSchema).min(MIN_STEPS).max(MAX_STEPS).refine(firstStepIsTiny, firstStepIssue),
  totalMinutes: z.number().int().min(1),
  /** Largest step size aimed for, from the granularity and the steps this person usually finishes. */
  maxStepMinutes: z.number().int().min(1),
  pace: PersonalPaceSchema,
  note: z.string(),
});
export type Breakdown = z.infer<typeof BreakdownSchema>;

export const BreakdownResultSchema = BreakdownSchema.extend({ meta: ChainMetaSchema });
export type BreakdownResult = z.infer<typeof BreakdownResultSchema>;

export type BreakdownInput = {
  taskId?: string | null;
  title: string;
  notes?: string | null;
  granularity?: number;
};
