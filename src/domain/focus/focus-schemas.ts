import { z } from 'zod';
import { singleLineText } from '../../shared/index.js';
import { CelebrationSchema } from '../gamification/index.js';

export const StartFocusSessionSchema = z.object({
  taskId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("Id of one of the person's own tasks this block is for"),
  plannedMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(1)
    .max(240)
    .default(25)
    .describe('Planned length in minutes (1-240, default 25)'),
  label: singleLineText('label', 200, 0)
    .optional()
    .describe('A few words on what the block is for, e.g. "inbox zero"'),
});

export const FocusSessionStatusSchema = z.enum(['active', 'completed', 'stopped']);

export const FocusSessionSchema = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  label: z.string().nullable(),
  plannedMinutes: z.number().int(),
  status: FocusSessionStatusSchema,
  startedAt: z.iso.datetime(),
  plannedEndAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** Minutes focused (up to the planned length); for an active block, so far. */
  focusedMinutes: z.number().int().min(0),
  /** True for an active block whose planned time is up. */
  isOverdue: z.boolean(),
  endReason: z.enum(['completed', 'stopped', 'auto_completed']).nullable(),
  pointsAwarded: z.number().int().min(0),
});

export const FocusSessionIdSchema = z.object({ id: z.string().min(1).max(64) });
export type FocusSessionId = z.infer<typeof FocusSessionIdSchema>;

export const ListFocusSessionsSchema = z.object({
  status: FocusSessionStatusSchema.optional().describe('Only blocks with this status'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('At most this many blocks, newest first'),
});

export const ActiveFocusSessionSchema = z.object({ session: FocusSessionSchema.nullable() });

export const StopFocusSessionResultSchema = z.object({ session: FocusSessionSchema, message: z.string() });

export const CompleteFocusSessionResultSchema = z.object({
  session: FocusSessionSchema,
  /** Null when the block had already been completed: points are given once. */
  celebration: CelebrationSchema.nullable(),
  message: z.string(),
});

export type StartFocusSession = z.input<typeof StartFocusSessionSchema>;
export type FocusSession = z.infer<typeof FocusSessionSchema>;
export type FocusSessionStatus = z.infer<typeof FocusSessionStatusSchema>;
export type ListFocusSessions = z.input<typeof ListFocusSessionsSchema>;
export type ActiveFocusSession = z.infer<typeof ActiveFocusSessionSchema>;
export type StopFocusSessionResult = z.infer<typeof StopFocusSessionResultSchema>;
export type CompleteFocusSessionResult = z.infer<typeof CompleteFocusSessionResultSchema>;
