import { z } from 'zod';
import { TaskIdSchema } from '../../domain/index.js';
import { singleLineText } from '../../shared/index.js';
import { GranularitySchema } from '../chains/breakdown/schema.js';
import { EvidenceSchema, ProofAssessmentResultSchema } from '../chains/proof/schema.js';

const TitleSchema = singleLineText('title', 200);
const NotesSchema = z.string().trim().max(2000);

/** A task by id, or a task described in words (not saved). */
const taskRef = {
  taskId: TaskIdSchema.optional().describe('One of your tasks; or give a title instead'),
  title: TitleSchema.optional().describe('A task in words, when it is not saved as a task'),
  notes: NotesSchema.optional(),
};
const needsTask = (v: { taskId?: string | undefined; title?: string | undefined }) =>
  Boolean(v.taskId || v.title);
const needsTaskIssue = { message: 'give taskId or title', path: ['taskId'] };

export const BreakDownInputSchema = z
  .object({ ...taskRef, granularity: GranularitySchema.optional() })
  .refine(needsTask, needsTaskIssue);
export type BreakDownInput = z.input<typeof BreakDownInputSchema>;

export const StepToSaveSchema = z.object({
  title: singleLineText('title', 200),
  minutes: z.number().int().min(1).max(1440),
});

export const SaveStepsInputSchema = z
  .object({ taskId: taskRef.taskId, title: taskRef.title, steps: z.array(StepToSaveSchema).min(1).max(8) })
  .refine(needsTask, needsTaskIssue);
export type SaveStepsInput = z.input<typeof SaveStepsInputSchema>;

export const SavedStepsSchema = z.object({
  taskId: z.string(),
  taskTitle: z.string(),
  created: z.array(z.object({ id: z.string(), title: z.string(), minutes: z.number().int().nullable() })),
  /** Steps that were already there, by title. */
  skipped: z.number().int(),
});
export type SavedSteps = z.infer<typeof SavedStepsSchema>;

export const AnalyzeInputSchema = z.object(taskRef).refine(needsTask, needsTaskIssue);
export type AnalyzeInput = z.input<typeof AnalyzeInputSchema>;

export const MotivateInputSchema = z.object({
  taskId: TaskIdSchema.optional().describe('A task to be encouraged about; omit for a general boost'),
});
export type MotivateInput = z.input<typeof MotivateInputSchema>;

export const ValidateProofInputSchema = z.object({ taskId: TaskIdSchema, evidence: EvidenceSchema });
export type ValidateProofInput = z.input<typeof ValidateProofInputSchema>;

export const ProofPointsSchema = z.object({
  /** Points added by this submission (0 when this verdict's points were already given). */
  awarded: z.number().int().min(0),
  /** Proof points this verdict is worth for the task in total. */
  totalForTask: z.number().int().min(0),
  balance: z.number().int(),
  message: z.string(),
});

export const ProofResultSchema = ProofAssessmentResultSchema.extend({
  taskId: z.string(),
  points: ProofPointsSchema,
});
export type ProofResult = z.infer<typeof ProofResultSchema>;

export const PlanDayInputSchema = z.object({
  date: z.iso
    .date()
    .optional()
    .describe('YYYY-MM-DD in your time zone; default today (tomorrow late in the evening)'),
});
export type PlanDayInput = z.input<typeof PlanDayInputSchema>;
