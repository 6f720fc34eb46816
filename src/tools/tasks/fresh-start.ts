import type { z } from 'zod';
import { freshStart, FreshStartResultSchema, FreshStartSchema, listTasks } from '../../domain/tasks/index.js';
import { confirmFirst } from '../elicitation.js';
import { defineTool } from '../tool.js';

type FreshStartInput = z.output<typeof FreshStartSchema>;

export const freshStartTool = defineTool({
  name: 'fresh_start',
  title: 'Fresh start for overdue tasks',
  description:
    'Clears a pile of overdue tasks without guilt: either spreads them over the coming days (reschedule, a few per ' +
    'day, most important first) or sets them aside in the archive (archive). Applies to every open overdue task ' +
    'unless ids are given. Changes many tasks at once, so describe what will happen and get a yes first. Running ' +
    'it twice changes nothing the second time. Returns how many moved, per day, and a kind message.',
  inputSchema: FreshStartSchema,
  outputSchema: FreshStartResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  elicit: confirmFirst(async (ctx, input: FreshStartInput) => {
    const count =
      input.ids?.length ??
      (await listTasks(ctx.domain, ctx.actor, { overdue: true, limit: 1 }, { withTotal: true })).total ??
      0;
    return input.action === 'archive'
      ? `Set ${count} overdue task(s) aside in the archive?`
      : `Spread ${count} overdue task(s) over the coming days, at most ${input.perDay} a day?`;
  }),
  run: (ctx, input) => freshStart(ctx.domain, ctx.actor, input),
});
