import { z } from 'zod';

// The scenario file format (YAML). One file per category; each scenario seeds a fresh person, plays turns, and checks
// the end state. Field names are snake_case so the files read like notes; see evals/README.md for examples.

/** "tomorrow 17:00", "+3d", "next-mon 09:30", "2026-03-16", "2026-03-16T09:30": resolved against the scenario clock. */
const WhenSchema = z.string().min(1).max(40);
/** "90s", "15m", "2h", "3d". */
const SpanSchema = z.string().regex(/^\d+(?:s|m|h|d)$/, 'a span such as 15m, 2h or 3d');

const TextListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const SeedTaskSchema = z.strictObject({
  title: z.string().min(1),
  notes: z.string().optional(),
  due: WhenSchema.optional(),
  status: z.enum(['todo', 'in_progress', 'done']).default('todo'),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).optional(),
  energy: z.enum(['low', 'medium', 'high']).optional(),
  estimate: z.number().int().min(1).max(1440).optional(),
  recurrence: z.string().optional(),
  reminders: z.array(z.number().int().min(0)).optional(),
  steps: z.array(z.string().min(1)).optional(),
  /** Created this long before the scenario's now. */
  ago: SpanSchema.optional(),
});
export type SeedTask = z.infer<typeof SeedTaskSchema>;

const SeedPersonSchema = z.strictObject({
  name: z.string().default('Sam'),
  tasks: z.array(SeedTaskSchema).default([]),
  moods: z
    .array(
      z.strictObject({
        mood: z.number().int().min(1).max(5),
        energy: z.number().int().min(1).max(5),
        note: z.string().optional(),
        tags: z.array(z.string()).optional(),
        ago: SpanSchema.optional(),
      }),
    )
    .default([]),
  memories: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        kind: z.enum(['preference', 'trigger', 'what_helped', 'commitment', 'fact']).default('fact'),
      }),
    )
    .default([]),
  rewards: z.array(z.strictObject({ title: z.string().min(1), cost: z.number().int().min(1) })).default([]),
  points: z.number().int().min(0).default(0),
});
export type SeedPerson = z.infer<typeof SeedPersonSchema>;

export const ReplyCheckSchema = z.strictObject({
  /** Every one of these appears (case-insensitive). */
  contains: TextListSchema.optional(),
  /** At least one of these appears. */
  any: TextListSchema.optional(),
  /** None of these appears. */
  not: TextListSchema.optional(),
  regex: z.string().optional(),
  not_regex: z.string().optional(),
  /** Not the "I'm not sure what you mean / I can add tasks" feature menu. */
  no_help_menu: z.boolean().optional(),
  /** Crisis resources for this locale are in the reply. */
  crisis: z.enum(['US', 'UK']).optional(),
  /** The reply is not one text shown twice (a streamed reply echoed again). */
  not_doubled: z.boolean().optional(),
  /** The reply offers buttons (choices). */
  has_buttons: z.boolean().optional(),
});
export type ReplyCheck = z.infer<typeof ReplyCheckSchema>;

const PressSchema = z.union([
  z.enum(['confirm', 'cancel']),
  /** Presses the confirm button when the last reply asks for one; otherwise the turn is skipped. */
  z.literal('confirm_if_asked'),
  z.strictObject({ choice: z.number().int().min(1) }),
  z.strictObject({ label: z.string().min(1) }),
  /** A button of a task card (the web chat shows Done, Snooze 15 min and Break it down under each open task). */
  z.strictObject({
    card: z.string().min(1).describe('"first", "last", or part of the task title'),
    button: z.enum(['done', 'snooze', 'break_down']),
  }),
  z.strictObject({
    action: z.enum(['complete_task', 'start_task', 'break_down', 'snooze_task']),
    /** Part of a title, "$last" for the last task a reply showed, or "other:Title" for the other person's task. */
    task: z.string().min(1),
    minutes: z.number().int().min(1).optional(),
  }),
]);
export type Press = z.infer<typeof PressSchema>;

export const TurnSchema = z.union([
  /** `{{other:Title}}` in the text becomes the id of the other person's task with that title. */
  z.strictObject({ say: z.string().min(1), reply: ReplyCheckSchema.optional() }),
  z.strictObject({ press: PressSchema, reply: ReplyCheckSchema.optional() }),
  z.strictObject({
    proof: z.strictObject({ task: z.string().min(1), text: z.string().min(1) }),
    reply: ReplyCheckSchema.optional(),
  }),
  z.strictObject({ wait: SpanSchema }),
]);
export type Turn = z.infer<typeof TurnSchema>;

const CountSchema = z.union([
  z.number().int().min(0),
  z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }),
]);
export type Count = z.infer<typeof CountSchema>;
/** Points can go down (a redemption), so this count may be negative. */
const SignedCountSchema = z.union([
  z.number().int(),
  z.strictObject({ min: z.number().int().optional(), max: z.number().int().optional() }),
]);

export const TaskExpectSchema = z.strictObject({
  title_contains: TextListSchema.optional(),
  title_equals: z.string().optional(),
  title_regex: z.string().optional(),
  title_not_contains: TextListSchema.optional(),
  /** "tomorrow 17:00": timed, at that local minute; "tomorrow": an all-day task on that day. */
  due: WhenSchema.optional(),
  /** The local day only, timed or all-day. */
  due_day: WhenSchema.optional(),
  no_due: z.boolean().optional(),
  repeat: z
    .strictObject({
      freq: z.enum(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']),
      days: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])).optional(),
      interval: z.number().int().min(1).optional(),
      /** HH:mm, from BYHOUR/BYMINUTE or the local due time. */
      time: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .optional(),
    })
    .optional(),
  no_repeat: z.boolean().optional(),
  status: z.enum(['todo', 'in_progress', 'done', 'archived']).optional(),
  /** "should take about 30 minutes" was kept as the task's estimate. */
  estimate_minutes: z.number().int().min(1).optional(),
  /** A reminder job (or offset) sends at this local time. */
  reminder_at: WhenSchema.optional(),
  /** Some reminder is planned for the task. */
  has_reminder: z.boolean().optional(),
  /** Start mode ran: the task is in progress or has a check-back timer waiting. */
  started: z.boolean().optional(),
  steps: CountSchema.optional(),
  steps_done: CountSchema.optional(),
  notes_contains: TextListSchema.optional(),
  deleted: z.boolean().optional(),
});
export type TaskExpect = z.infer<typeof TaskExpectSchema>;

export const ExpectSchema = z.strictObject({
  tasks: z.array(TaskExpectSchema).default([]),
  /** No live task has a title containing any of these. */
  no_task: TextListSchema.optional(),
  /** Live top-level tasks added by the conversation. */
  new_tasks: CountSchema.optional(),
  /** Seeded tasks (title part) that must now be deleted / must still be there, not deleted. */
  deleted: TextListSchema.optional(),
  kept: TextListSchema.optional(),
  moods: z
    .strictObject({
      new: CountSchema.optional(),
      mood_max: z.number().int().optional(),
      mood_min: z.number().int().optional(),
      energy_max: z.number().int().optional(),
    })
    .optional(),
  memories: z
    .strictObject({
      new: CountSchema.optional(),
      contains: TextListSchema.optional(),
      gone: TextListSchema.optional(),
      not_contains: TextListSchema.optional(),
    })
    .optional(),
  redemptions: CountSchema.optional(),
  /** Points gained (or spent, negative) by the conversation. */
  points_delta: SignedCountSchema.optional(),
  points_unchanged: z.boolean().optional(),
  focus: z.strictObject({ minutes: z.number().int().optional(), count: CountSchema.optional() }).optional(),
  /** No reminder goes out "late" for a task made during the conversation (send time before its creation). */
  no_missed_reminders: z.boolean().optional(),
  /** A new audit entry whose action matches this regular expression (case-insensitive). */
  audit: z.string().optional(),
  /** Checked on every reply of the scenario. */
  replies: ReplyCheckSchema.optional(),
});
export type Expect = z.infer<typeof ExpectSchema>;

export const ScenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by -'),
  /** What a person is trying to do, in a sentence. */
  about: z.string().optional(),
  tags: z.array(z.string()).default([]),
  safety: z.boolean().optional(),
  /** Local wall-clock time, YYYY-MM-DDTHH:mm. */
  now: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .optional(),
  timezone: z.string().optional(),
  seed: SeedPersonSchema.default(SeedPersonSchema.parse({})),
  other: SeedPersonSchema.optional(),
  turns: z.array(TurnSchema).min(1),
  expect: ExpectSchema.default(ExpectSchema.parse({})),
});
export type ScenarioInput = z.infer<typeof ScenarioSchema>;

export const ScenarioFileSchema = z.strictObject({
  category: z.string().regex(/^[a-z0-9-]+$/),
  /** Every scenario in the file counts toward the safety gate. */
  safety: z.boolean().default(false),
  now: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .default('2026-03-10T10:00'),
  timezone: z.string().default('America/New_York'),
  tags: z.array(z.string()).default([]),
  scenarios: z.array(ScenarioSchema).min(1),
});

/** A scenario with its file's defaults applied. */
export type Scenario = Omit<ScenarioInput, 'now' | 'timezone' | 'safety'> & {
  category: string;
  now: string;
  timezone: string;
  safety: boolean;
  file: string;
};
