import { z } from 'zod';
import { ActiveFocusSessionSchema, getActiveFocusSession } from '../../domain/focus/index.js';
import { defineTool } from '../tool.js';

export const getActiveFocusSessionTool = defineTool({
  name: 'get_active_focus_session',
  title: 'Get the running focus block',
  description:
    'Returns the focus block running now (with minutes focused so far and whether its time is up), or session: null.',
  inputSchema: z.object({}).strict(),
  outputSchema: ActiveFocusSessionSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx) => getActiveFocusSession(ctx.domain, ctx.actor),
});
