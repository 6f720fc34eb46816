import { freshStart, FreshStartResultSchema, FreshStartSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';

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
  run: (ctx, input) => freshStart(ctx.domain, ctx.actor, input),
});
