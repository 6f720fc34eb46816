import { z } from 'zod';
import { createTasks, CreateTasksSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';
import { presentPage, TaskLineSchema, toTaskLine } from './task-views.js';

export const createTasksTool = defineTool({
  name: 'create_tasks',
  title: 'Add many tasks at once',
  description:
    'Adds several tasks in one call, e.g. a brain dump ("call mum, pay rent, book the vet"), with the rules of ' +
    'create_task (short titles; reminders [0] for "remind me"). All or nothing: one invalid item adds none and ' +
    'the error names it.',
  inputSchema: CreateTasksSchema,
  outputSchema: z.object({ items: z.array(TaskLineSchema), total: z.number().int() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  run: async (ctx, input) => {
    const items = (await createTasks(ctx.domain, ctx.actor, input)).map(toTaskLine);
    return { items, total: items.length };
  },
  present: presentPage,
});
