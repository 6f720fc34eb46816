import { z } from 'zod';
import {
  completeFocusSession,
  CompleteFocusSessionResultSchema,
  getActiveFocusSession,
  stopFocusSession,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { defineTool } from '../tool.js';

const EndFocusSessionSchema = z.strictObject({
  id: z.string().min(1).max(64).optional().describe('Default: the block running now'),
  outcome: z
    .enum(['completed', 'stopped'])
    .default('completed')
    .describe('completed: done, earns points; stopped: ended early (interrupted), nothing taken away'),
});

export const endFocusSessionTool = defineTool({
  name: 'end_focus_session',
  title: 'End a focus block',
  description:
    'Ends a focus block, the running one unless id is given. outcome completed (default): points for the minutes ' +
    'focused, given once, and the day counts for the streak; stopped: ended early, nothing taken away. An ended ' +
    'block cannot resume, so start a new one. Returns the session, any celebration and a kind message to pass on.',
  inputSchema: EndFocusSessionSchema,
  outputSchema: CompleteFocusSessionResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: async (ctx, { id, outcome }) => {
    const sessionId = id ?? (await getActiveFocusSession(ctx.domain, ctx.actor)).session?.id;
    if (!sessionId) throw new AppError('FOCUS_SESSION_NOT_FOUND', 'No focus block is running right now.');
    if (outcome === 'completed') return completeFocusSession(ctx.domain, ctx.actor, { id: sessionId });
    return { ...(await stopFocusSession(ctx.domain, ctx.actor, { id: sessionId })), celebration: null };
  },
});
