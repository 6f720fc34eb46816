import { z } from 'zod';
import { FocusSessionSchema, listFocusSessions, ListFocusSessionsSchema } from '../../domain/focus/index.js';
import { defineTool } from '../tool.js';

export const listFocusSessionsTool = defineTool({
  name: 'list_focus_sessions',
  title: 'List focus blocks',
  description:
    'Lists recent focus blocks, newest first (default 20, at most 100), optionally only active, completed or stopped ones.',
  inputSchema: ListFocusSessionsSchema,
  outputSchema: z.object({ items: z.array(FocusSessionSchema), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const items = await listFocusSessions(ctx.domain, ctx.actor, input);
    return { items, count: items.length };
  },
});
