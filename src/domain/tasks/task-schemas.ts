import { z } from 'zod';
import { singleLineText } from '../../shared/index.js';
import { CelebrationSchema } from '../gamification/gamification-schemas.js';
import { TimeZoneSchema } from '../users/user-schemas.js';
import { RecurrenceRuleSchema } from './recurrence.js';
import { ReminderOffsetsSchema } from './reminder-offsets.js';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;
/** A task, its steps and their steps: three levels are plenty and keep every screen readable. */
export const MAX_DEPTH = 3;
export const MAX_SUBTASKS = 100;

export const TaskStatusSchema = z.enum(['todo', 'in_progress', 'done', 'archived']);
export const PrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
export const EnergySchema = z.enum(['low', 'medium', 'high']);

export const TaskIdSchema = z
  .string()
  .regex(/^task_[0-9a-z]{8,40}$/, 'must be a task id such as task_8x2k4m9q1w3e5r7t')
  .describe('A task id');

/** Lower case, no leading '#', spaces become '-', only letters, digits, '-' and '_'. */
export const normalizeTag = (tag: string): string =>
  tag
    .trim()
    .replace(/^#+/, '')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}_-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH);

export const TagsSchema = z
  .array(z.string().max(64))
  .max(MAX_TAGS * 2)
  .transform((tags, ctx) => {
    const normalized = [...new Set(tags.map(normalizeTag))];
    if (normalized.includes(''))
      ctx.addIssue({ code: 'custom', message: 'a tag needs at least one letter or digit' });
    if (normalized.length > MAX_TAGS)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_TAGS} tags per task` });
    return normalized;
  })
  .describe(`Up to ${MAX_TAGS} tags, e.g. ["errands", "deep-work"]`);

const TitleSchema = singleLineText('title', 200);
const NotesSchema = z
  .string()
  .max(5000, 'notes must be at most 5000 characters')
  .transform((s) => s.trim());
const DueAtSchema = z.iso
  .datetime({ offset: true, local: true })
  .describe('ISO 8601 date and time, with an offset or as wall-clock time in `timezone` (2025-03-31T09:00)');
const DueDateSchema = z.iso.date().describe('Due day of an all-day task, YYYY-MM-DD');
const EstimateSchema = z.number().int().min(1).max(1440).describe('Estimated minutes, 1 to 1440');

const bothDueForms = (v: { dueAt?: string | null | undefined; dueDate?: string | null | undefined }) =>
  !(v.dueAt && v.dueDate);
const bothDueFormsIssue = {
  message: 'give dueAt (a time) or dueDate (all day), not both',
  path: ['dueDate'],
};

export const CreateTaskSchema = z
  .strictObject({
    title: TitleSchema,
    notes: NotesSchema.nullable().optional(),
    status: z.enum(['todo', 'in_progress']).optional(),
    priority: PrioritySchema.optional(),
    dueAt: DueAtSchema.nullable().optional(),
    dueDate: DueDateSchema.nullable().optional(),
    timezone: TimeZoneSchema.optional().describe(
      'IANA time zone of the due date; defaults to your profile time zone',
    ),
    estimateMinutes: EstimateSchema.nullable().optional(),
    energy: EnergySchema.nullable().optional(),
    tags: TagsSchema.optional(),
    recurrence: RecurrenceRuleSchema.nullable().optional(),
    reminders: ReminderOffsetsSchema.optional(),
    parentId: TaskIdSchema.nullable().optional().describe('Makes this a step (subtask) of one of your tasks'),
  })
  .refine(bothDueForms, bothDueFormsIssue);

export const UpdateTaskSchema = z
  .strictObject({
    title: TitleSchema,
    notes: NotesSchema.nullable(),
    status: z
      .enum(['todo', 'in_progress', 'archived'])
      .describe('To finish a task use complete; to bring back a finished one use reopen'),
    priority: PrioritySchema,
    dueAt: DueAtSchema.nullable(),
    dueDate: DueDateSchema.nullable(),
    timezone: TimeZoneSchema,
    estimateMinutes: EstimateSchema.nullable(),
    energy: EnergySchema.nullable(),
    tags: TagsSchema,
    recurrence: RecurrenceRuleSchema.nullable(),
    reminders: ReminderOffsetsSchema,
    parentId: TaskIdSchema.nullable().describe(
      'Moves a task without steps under another task, or to the top (null)',
    ),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' })
  .refine(bothDueForms, bothDueFormsIssue);

export const TaskSortSchema = z.enum(['due', 'priority', 'created', 'updated', 'position']);

export const ListTasksSchema = z
  .strictObject({
    status: z.array(TaskStatusSchema).min(1).max(4).optional().describe('Default: todo and in_progress'),
    priority: z.array(PrioritySchema).min(1).max(4).optional(),
    energy: z.array(EnergySchema).min(1).max(3).optional(),
    tags: TagsSchema.optional().describe('Only tasks with all of these tags'),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Words that must all appear in the title or notes'),
    dueFrom: z.iso.datetime({ offset: true }).optional().describe('Due at or after this instant'),
    dueTo: z.iso.datetime({ offset: true }).optional().describe('Due before this instant'),
    dueOn: z.iso.date().optional().describe('Due on this day in your time zone'),
    overdue: z.boolean().optional(),
    hasDue: z.boolean().optional(),
    parentId: TaskIdSchema.optional().describe('Only the steps of this task'),
    topLevel: z.boolean().optional().describe('true: only tasks that are not steps of another'),
    deleted: z.boolean().optional().describe('true: the recently deleted tasks, which can be restored'),
    sort: TaskSortSchema.optional().describe(
      'Default: position for steps of a task, else due (soonest first, then priority)',
    ),
    limit: z.number().int().min(1).max(100).default(25),
    cursor: z.string().max(1000).optional().describe('nextCursor of the previous page'),
  })
  .refine((v) => !(v.dueOn && (v.dueFrom || v.dueTo)), {
    message: 'use dueOn or dueFrom/dueTo, not both',
    path: ['dueOn'],
  });

export const ReorderSubtasksSchema = z.strictObject({
  parentId: TaskIdSchema,
  ids: z.array(TaskIdSchema).max(MAX_SUBTASKS).describe("All of the task's current steps, in the new order"),
});

export const FreshStartSchema = z.strictObject({
  action: z
    .enum(['reschedule', 'archive'])
    .default('reschedule')
    .describe('reschedule: spread the tasks over the coming days; archive: set them aside'),
  ids: z
    .array(TaskIdSchema)
    .min(1)
    .max(200)
    .optional()
    .describe('Default: every open task whose due date has passed'),
  perDay: z.number().int().min(1).max(10).default(3).describe('At most this many moved tasks per day'),
  startDate: z.iso.date().optional().describe('First day to use, in your time zone; default tomorrow'),
});

const IsoInstant = z.iso.datetime();

export const TaskSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  title: z.string(),
  notes: z.string().nullable(),
  status: TaskStatusSchema,
  priority: PrioritySchema,
  dueAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .describe('Due instant in the task time zone; null for all-day tasks'),
  dueDate: z.iso.date().nullable().describe('Due day in the task time zone'),
  allDay: z.boolean(),
  timezone: z.string(),
  isOverdue: z.boolean(),
  estimateMinutes: z.number().int().nullable(),
  energy: EnergySchema.nullable(),
  tags: z.array(z.string()),
  recurrence: z.string().nullable(),
  recurrenceText: z.string().nullable(),
  seriesId: z.string().nullable(),
  occurrence: z.number().int().nullable(),
  nextOccurrenceId: z.string().nullable(),
  reminders: z
    .array(z.number().int())
    .describe('Minutes before the due time (for all-day tasks, before the start of the day)'),
  position: z.number(),
  depth: z.number().int(),
  subtasks: z.object({ total: z.number().int(), done: z.number().int() }),
  points: z.number().int().describe('Points for finishing it'),
  statusHistory: z.array(z.object({ status: TaskStatusSchema, at: IsoInstant, via: z.string() })),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  completedAt: IsoInstant.nullable(),
  deletedAt: IsoInstant.nullable(),
});

export const TaskListSchema = z.object({ items: z.array(TaskSchema), nextCursor: z.string().nullable() });

export const CompleteTaskResultSchema = z.object({
  task: TaskSchema,
  nextOccurrence: TaskSchema.nullable(),
  alreadyDone: z.boolean(),
  celebration: CelebrationSchema,
  message: z.string().describe('A short, kind line to show the person'),
});

export const FreshStartResultSchema = z.object({
  action: z.enum(['reschedule', 'archive']),
  count: z.number().int(),
  skipped: z.number().int(),
  days: z.array(z.object({ date: z.iso.date(), count: z.number().int() })),
  taskIds: z.array(z.string()),
  message: z.string(),
});

export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type Priority = z.infer<typeof PrioritySchema>;
export type Energy = z.infer<typeof EnergySchema>;
export type CreateTask = z.input<typeof CreateTaskSchema>;
export type UpdateTask = z.input<typeof UpdateTaskSchema>;
export type ListTasks = z.input<typeof ListTasksSchema>;
export type TaskSort = z.infer<typeof TaskSortSchema>;
export type ReorderSubtasks = z.input<typeof ReorderSubtasksSchema>;
export type FreshStart = z.input<typeof FreshStartSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type TaskList = z.infer<typeof TaskListSchema>;
export type CompleteTaskResult = z.infer<typeof CompleteTaskResultSchema>;
export type FreshStartResult = z.infer<typeof FreshStartResultSchema>;

export const TaskCascadeResultSchema = z.object({
  task: TaskSchema,
  stepsAffected: z.number().int().describe('Steps deleted or restored along with the task'),
});
export type TaskCascadeResult = z.infer<typeof TaskCascadeResultSchema>;
