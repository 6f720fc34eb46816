import { z } from 'zod';

/** Long-lived, correctable facts about a person. */
export const LongTermKindSchema = z.enum(['preference', 'trigger', 'what_helped', 'commitment', 'fact']);
/** Today's state of mind: replaced or gone within about a day. */
export const WorkingKindSchema = z.enum(['plan', 'focus', 'open_question']);
export const MemoryKindSchema = z.enum([...LongTermKindSchema.options, ...WorkingKindSchema.options]);
export const MemoryTierSchema = z.enum(['short_term', 'working', 'long_term']);
export const MemoryViaSchema = z.enum(['api', 'mcp', 'cli', 'chat', 'job', 'system']);

export type LongTermKind = z.infer<typeof LongTermKindSchema>;
export type WorkingKind = z.infer<typeof WorkingKindSchema>;
export type MemoryKind = z.infer<typeof MemoryKindSchema>;
export type MemoryTier = z.infer<typeof MemoryTierSchema>;
export type MemoryVia = z.infer<typeof MemoryViaSchema>;

/** Who is remembering, through which edge; `userId` always comes from the authenticated context. */
export type MemoryActor = {
  userId: string;
  via: MemoryVia;
  /** e.g. the message or thread that taught us this */ ref?: string;
};

export const MAX_MEMORY_TEXT = 1_000;
export const MAX_TURN_TEXT = 4_000;

const memoryId = z.string().trim().min(1).max(64);

export const RememberInputSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .max(MAX_MEMORY_TEXT)
    .describe('The memory in one short sentence, in the third person.'),
  kind: MemoryKindSchema.default('fact').describe(
    'preference, trigger (what makes things harder), what_helped, commitment, fact; or for today only: plan, focus, open_question.',
  ),
  importance: z.number().int().min(1).max(5).default(3).describe('1 = trivia, 5 = essential to get right.'),
  replaces: memoryId
    .optional()
    .describe('Id of a memory this one corrects; the old one is superseded, not mixed in.'),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When this stops being true, e.g. a commitment until Friday.'),
});
export type RememberInput = z.input<typeof RememberInputSchema>;

export const MemoryItemSchema = z.object({
  id: z.string(),
  tier: MemoryTierSchema,
  kind: MemoryKindSchema,
  text: z.string(),
  importance: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string().nullable(),
  /** The earlier version this one corrected, if any. */
  supersedes: z.string().nullable(),
  source: z.object({ via: MemoryViaSchema, ref: z.string().nullable() }),
});
export type MemoryItem = z.infer<typeof MemoryItemSchema>;

export const RememberResultSchema = z.object({
  memory: MemoryItemSchema,
  /** False when the same memory was already there (it is refreshed, not duplicated). */
  isNew: z.boolean(),
  /** The id of the memory this one replaced, if any. */
  superseded: z.string().nullable(),
});
export type RememberResult = z.infer<typeof RememberResultSchema>;

export const RecallInputSchema = z.object({
  query: z.string().trim().min(1).max(500).describe('What to look for, in plain words.'),
  kinds: z.array(MemoryKindSchema).min(1).max(8).optional().describe('Only these kinds of memory.'),
  limit: z.number().int().min(1).max(20).default(5),
  includeTasks: z.boolean().default(false).describe('Also search the person’s tasks.'),
});
export type RecallInput = z.input<typeof RecallInputSchema>;

export const RecalledMemorySchema = MemoryItemSchema.extend({ score: z.number() });
export const RecalledTaskSchema = z.object({ taskId: z.string(), text: z.string(), score: z.number() });
export const RecallResultSchema = z.object({
  /** `keyword` when the embeddings provider could not be reached and plain word matching was used instead. */
  mode: z.enum(['semantic', 'keyword']),
  memories: z.array(RecalledMemorySchema),
  tasks: z.array(RecalledTaskSchema),
});
export type RecalledMemory = z.infer<typeof RecalledMemorySchema>;
export type RecalledTask = z.infer<typeof RecalledTaskSchema>;
export type RecallResult = z.infer<typeof RecallResultSchema>;

export const ForgetInputSchema = z.object({
  ids: z
    .array(memoryId)
    .min(1)
    .max(20)
    .describe('Ids of the memories to forget, including all their earlier versions.'),
});
export type ForgetInput = z.input<typeof ForgetInputSchema>;

export const ForgetResultSchema = z.object({ forgotten: z.array(z.string()), notFound: z.array(z.string()) });
export type ForgetResult = z.infer<typeof ForgetResultSchema>;

export const ListMemoriesInputSchema = z.object({
  tier: z.enum(['working', 'long_term']).optional(),
  kinds: z.array(MemoryKindSchema).min(1).max(8).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type ListMemoriesInput = z.input<typeof ListMemoriesInputSchema>;

export const ListMemoriesResultSchema = z.object({
  memories: z.array(MemoryItemSchema),
  total: z.number().int(),
  hasMore: z.boolean(),
});
export type ListMemoriesResult = z.infer<typeof ListMemoriesResultSchema>;

export const RecordTurnInputSchema = z.object({
  threadId: z.string().trim().min(1).max(200),
  role: z.enum(['user', 'assistant']),
  text: z.string().trim().min(1).max(MAX_TURN_TEXT),
});
export type RecordTurnInput = z.input<typeof RecordTurnInputSchema>;

export const TurnSchema = z.object({ role: z.enum(['user', 'assistant']), text: z.string(), at: z.string() });
export type Turn = z.infer<typeof TurnSchema>;

export const WorkingMemorySchema = z.object({
  plan: z.string().nullable(),
  focus: z.string().nullable(),
  openQuestions: z.array(z.string()),
});
export type WorkingMemory = z.infer<typeof WorkingMemorySchema>;

export const MoodEntrySchema = z.object({
  mood: z.union([z.number(), z.string()]),
  energy: z.union([z.number(), z.string()]).nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type MoodEntry = z.infer<typeof MoodEntrySchema>;

/** The small memory bundle a chain or the planner gets for one user and one query. */
export const MemoryContextSchema = z.object({
  turns: z.array(TurnSchema),
  working: WorkingMemorySchema,
  facts: z.array(z.object({ id: z.string(), kind: MemoryKindSchema, text: z.string(), score: z.number() })),
  mood: z.array(MoodEntrySchema),
  /** Characters of memory text included, at most the budget asked for. */
  usedChars: z.number().int(),
  /** True when something relevant was left out to stay within the budget. */
  truncated: z.boolean(),
});
export type MemoryContext = z.infer<typeof MemoryContextSchema>;

export const MemoryContextInputSchema = z.object({
  query: z.string().trim().max(2_000).default(''),
  threadId: z.string().trim().min(1).max(200).optional(),
  maxChars: z.number().int().min(200).max(20_000).optional(),
});
export type MemoryContextInput = z.input<typeof MemoryContextInputSchema>;
