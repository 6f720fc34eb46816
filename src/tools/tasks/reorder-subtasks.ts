import { reorderSubtasks, ReorderSubtasksSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { presentPage, TaskPageSchema, toPage } from './task-views.js';

export const reorderSubtasksTool = defineTool({
  name: 'reorder_subtasks',
  title: 'Reorder the steps of a task',
  description:
    "Puts a task's steps in a new order, e.g. easiest first. Pass every step id of the task in the wanted order " +
    '(get_task shows them).',
  inputSchema: ReorderSubtasksSchema,
  outputSchema: TaskPageSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => toPage(await reorderSubtasks(ctx.domain, ctx.actor, input)),
  present: presentPage,
});
