import { z } from 'zod';
import { TaskIdSchema, TaskSchema, type Task } from '../../domain/index.js';
import type { ToolPresentation } from '../tool.js';

/** The fields a model needs to talk about a task; the full record is one `get_task` away. */
export const TaskSummarySchema = TaskSchema.pick({
  id: true,
  parentId: true,
  title: true,
  status: true,
  priority: true,
  dueAt: true,
  dueDate: true,
  allDay: true,
  isOverdue: true,
  estimateMinutes: true,
  energy: true,
  tags: true,
  recurrenceText: true,
  reminders: true,
  subtasks: true,
  points: true,
});

/** A task in a list: the summary without its empty fields (no nulls, no empty lists, no false flags). */
export const TaskLineSchema = TaskSummarySchema.omit({ allDay: true })
  .partial()
  .required({ id: true, title: true, status: true, priority: true, points: true });
type TaskLine = z.infer<typeof TaskLineSchema>;

/** A page of tasks: the top items, how many match in all, and how to get more. */
export const TaskPageSchema = z.object({
  items: z.array(TaskLineSchema),
  total: z.number().int().describe('How many tasks match, on every page together'),
  nextCursor: z.string().optional().describe('Present when more tasks match: pass it back as cursor'),
});
type TaskPage = z.infer<typeof TaskPageSchema>;

/** Names one of the person's tasks. */
export const TaskRefSchema = z.strictObject({ taskId: TaskIdSchema });

const isEmpty = (value: unknown) =>
  value === null || value === false || (Array.isArray(value) && value.length === 0);

/** A task without what it does not have: a model reads every byte of every item. */
export const toTaskLine = (task: z.input<typeof TaskSummarySchema> | Task): TaskLine => {
  const line: Record<string, unknown> = {};
  for (const key of Object.keys(TaskLineSchema.shape) as (keyof TaskLine)[]) {
    const value = task[key];
    if (value === undefined || isEmpty(value)) continue;
    if (key === 'subtasks' && task.subtasks.total === 0) continue;
    line[key] = value;
  }
  return line as TaskLine;
};

export const toPage = (page: { items: Task[]; nextCursor: string | null; total?: number }): TaskPage => ({
  items: page.items.map(toTaskLine),
  total: page.total ?? page.items.length,
  ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
});

export const taskUri = (id: string) => `focusforge://tasks/${id}`;

/** "2026-03-11T17:00:00.000+01:00" → "2026-03-11 17:00+01:00": the same instant, fewer characters. */
const shortInstant = (iso: string) => iso.replace('T', ' ').replace(/:00(?:\.000)?(?=Z|[+-]\d|$)/, '');

/** One line a model (or a person) can read at a glance; the id comes first so it can act on the task. */
export const taskLineText = (t: TaskLine): string => {
  const due = t.dueAt ? shortInstant(t.dueAt) : t.dueDate;
  return [
    `${t.id} ${JSON.stringify(t.title)}`,
    t.status === 'todo' ? null : t.status,
    t.priority === 'medium' ? null : t.priority,
    due ? `due ${due}${t.isOverdue ? ' (overdue)' : ''}` : null,
    t.estimateMinutes ? `${t.estimateMinutes} min` : null,
    t.energy ? `${t.energy} energy` : null,
    t.tags?.length ? t.tags.map((tag) => `#${tag}`).join(' ') : null,
    t.recurrenceText ? `repeats ${t.recurrenceText}` : null,
    t.reminders?.length ? `reminders ${t.reminders.join(',')} min before` : null,
    t.subtasks ? `steps ${t.subtasks.done}/${t.subtasks.total} done` : null,
    t.parentId ? `step of ${t.parentId}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
};

/** Resource links only for the first few tasks: enough for a host to open them, without a dump. */
const LINKED_TASKS = 10;

/** A page as the model reads it: a header, then one line per task, plus links to the first tasks. */
export const presentPage = (page: TaskPage): ToolPresentation => ({
  text: [
    `${page.items.length} of ${page.total} task(s)${page.nextCursor ? `; more with cursor ${page.nextCursor}` : ''}`,
    ...page.items.map(taskLineText),
  ].join('\n'),
  links: page.items.slice(0, LINKED_TASKS).map((t) => ({ uri: taskUri(t.id), name: t.title })),
});
