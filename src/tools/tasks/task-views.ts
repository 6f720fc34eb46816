import { z } from 'zod';
import { TaskIdSchema, TaskSchema } from '../../domain/tasks/index.js';

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

/** A page of task summaries: the top items, how many came back, and how to get more. */
export const TaskPageSchema = z.object({
  items: z.array(TaskSummarySchema),
  count: z.number().int().describe('How many items this page holds'),
  hasMore: z.boolean().describe('More tasks match; pass nextCursor to see them'),
  nextCursor: z.string().nullable(),
});

/** Names one of the person's tasks. */
export const TaskRefSchema = z.strictObject({ taskId: TaskIdSchema });

export const toPage = <T>(page: { items: T[]; nextCursor: string | null }) => ({
  items: page.items,
  count: page.items.length,
  hasMore: page.nextCursor !== null,
  nextCursor: page.nextCursor,
});
