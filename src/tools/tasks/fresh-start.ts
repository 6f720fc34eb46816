import type { z } from 'zod';
import { freshStart, FreshStartResultSchema, FreshStartSchema, listTasks } from '../../domain/index.js';
import { confirmFirst } from '../elicitation.js';
import { defineTool } from '../tool.js';

type FreshStartInput = z.output<typeof FreshStartSchema>;

export const freshStartTool = defineTool({
  name: 'fresh_start',
  title: 'Fresh start for overdue tasks',
  description:
    'Clears a pile of overdue tasks without guilt: spreads them over the coming days (reschedule, most important ' +
    'first) or archives them (archive); all open overdue tasks unless ids are given. Changes many tasks, so say ' +
    'what will happen and get a yes first. Returns how many moved, per day, and a kind message.',
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
