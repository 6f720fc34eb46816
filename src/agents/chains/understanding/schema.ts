import { z } from 'zod';
import { IntentSchema } from './intents.js';
import { TaskDraftSchema } from './task-drafts.js';
import { WhenSchema } from './when.js';

export const SlotsSchema = z.object({
  /** For create_task: what to call the new task. */
  title: z.string().nullable(),
  /** For commands about an existing task: the words naming it ("the laundry"); null means "the one we talked about". */
  taskRef: z.string().nullable(),
  when: WhenSchema.nullable(),
  durationMinutes: z.number().int().min(1).nullable(),
  mood: z.number().int().min(1).max(5).nullable(),
  energy: z.number().int().min(1).max(5).nullable(),
  note: z.string().nullable(),
  reward: z.string().nullable(),
  memory: z.string().nullable(),
  granularity: z.number().int().min(1).max(5).nullable(),
  listFilter: z.enum(['today', 'tomorrow', 'overdue', 'week', 'all']).nullable(),
  /** For reschedule: a new repeat rule for the task (null stops it repeating); absent when the repeat is not changed. */
  recurrence: z.string().nullable().optional(),
  /** For create_task: every task the message asks for (title and when above are the first one's). */
  tasks: z.array(TaskDraftSchema),
});
export type Slots = z.infer<typeof SlotsSchema>;

export const UnderstandingSchema = z.object({
  intent: IntentSchema,
  /** 0-1; below about 0.5 a reply should check before acting. */
  confidence: z.number().min(0).max(1),
  slots: SlotsSchema,
  /** Other readings that also matched, best first. */
  alternatives: z.array(z.object({ intent: IntentSchema, confidence: z.number() })),
  normalizedText: z.string(),
});
export type Understanding = z.infer<typeof UnderstandingSchema>;
