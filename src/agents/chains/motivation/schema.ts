import { z } from 'zod';
import { ChainMetaSchema } from '../chain-meta.js';
import { isShameFree } from './guard.js';

export const ToneChoiceSchema = z.enum(['gentle', 'cheerful', 'direct', 'playful']);
export type ToneChoice = z.infer<typeof ToneChoiceSchema>;

const kind = { message: 'must be free of guilt, pressure and comparison' };

/** What the model must answer; pressuring words make the answer invalid. */
export const MotivationDraftSchema = z.object({
  message: z
    .string()
    .trim()
    .min(10)
    .max(400)
    .refine(isShameFree, kind)
    .describe('2-3 short sentences, personal and kind'),
  tinyNextStep: z
    .string()
    .trim()
    .min(3)
    .max(160)
    .refine(isShameFree, kind)
    .nullable()
    .describe('One action of at most 2 minutes, or null'),
});
export type MotivationDraft = z.infer<typeof MotivationDraftSchema>;

export const MotivationSignalSchema = z.enum([
  'low_mood',
  'low_energy',
  'good_mood',
  'recent_wins',
  'streak',
  'what_helped',
  'task',
]);
export type MotivationSignal = z.infer<typeof MotivationSignalSchema>;

export const MotivationSchema = z.object({
  message: z.string().min(1).refine(isShameFree, kind),
  tinyNextStep: z.string().refine(isShameFree, kind).nullable(),
  tone: ToneChoiceSchema,
  /** What the message drew on, so a person can see why it says what it says. */
  signals: z.array(MotivationSignalSchema),
});
export type Motivation = z.infer<typeof MotivationSchema>;

export const MotivationResultSchema = MotivationSchema.extend({ meta: ChainMetaSchema });
export type MotivationResult = z.infer<typeof MotivationResultSchema>;

export type MotivationInput = {
  name: string;
  tone: ToneChoice;
  task: { title: string } | null;
  /** Newest first. */
  recentMoods: { mood: number; energy: number; at: string }[];
  /** Recently finished things, newest first. */
  wins: { title: string; completedAt: string }[];
  streakDays: number;
  /** From memory: what helped this person before. */
  whatHelped: string[];
  /** Varies the wording from day to day while staying reproducible. */
  seed: string;
};
