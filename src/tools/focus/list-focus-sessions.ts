import { z } from 'zod';
import {
  FocusSessionSchema,
  getActiveFocusSession,
  listFocusSessions,
  ListFocusSessionsSchema,
} from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const listFocusSessionsTool = defineTool({
  name: 'list_focus_sessions',
  title: 'Focus blocks: the running one and recent ones',
  description:
    'Returns the focus block running now as active (minutes focused so far, whether its time is up) or null, and ' +
    'recent blocks newest first (default 20, at most 100), optionally only active, completed or stopped ones.',
  inputSchema: ListFocusSessionsSchema,
  outputSchema: z.object({
    active: FocusSessionSchema.nullable(),
    items: z.array(FocusSessionSchema),
    count: z.number().int(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const [{ session }, items] = await Promise.all([
      getActiveFocusSession(ctx.domain, ctx.actor),
      listFocusSessions(ctx.domain, ctx.actor, input),
    ]);
    return { active: session, items, count: items.length };
  },
});
