import { z } from 'zod';
import { getTask, listTasks, TaskSchema } from '../../domain/index.js';
import { defineTool, type ToolContext } from '../tool.js';
import { TaskRefSchema, TaskSummarySchema } from './task-views.js';

const STEPS_SHOWN = 20;
const HISTORY_SHOWN = 5;

export const TaskDetailSchema = TaskSchema.extend({
  statusHistory: TaskSchema.shape.statusHistory.describe(
    `The latest ${HISTORY_SHOWN} status changes, oldest first`,
  ),
  steps: z
    .object({ items: z.array(TaskSummarySchema), hasMore: z.boolean() })
    .describe(`The first ${STEPS_SHOWN} steps (subtasks) in their order, finished ones included`),
});

/** A task with its first steps, shared by the tool, the task resource and the break-down prompt. */
export const readTaskDetail = async (
  ctx: ToolContext,
  taskId: string,
): Promise<z.input<typeof TaskDetailSchema>> => {
  const task = await getTask(ctx.domain, ctx.actor, taskId);
  const steps = await listTasks(ctx.domain, ctx.actor, {
    parentId: taskId,
    status: ['todo', 'in_progress', 'done'],
    limit: STEPS_SHOWN,
  });
  return {
    ...task,
    statusHistory: task.statusHistory.slice(-HISTORY_SHOWN),
    steps: { items: steps.items, hasMore: steps.nextCursor !== null },
  };
};

export const getTaskTool = defineTool({
  name: 'get_task',
  title: 'Get a task with its steps',
  description:
    'Everything about one task by id: notes, due date and time zone, recurrence, reminders, points, status ' +
    'changes and its first steps. Works for a recently deleted task too (deletedAt is set).',
  inputSchema: TaskRefSchema,
  outputSchema: TaskDetailSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, { taskId }) => readTaskDetail(ctx, taskId),
});
