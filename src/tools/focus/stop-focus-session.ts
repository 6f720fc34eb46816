import {
  FocusSessionIdSchema,
  stopFocusSession,
  StopFocusSessionResultSchema,
} from '../../domain/focus/index.js';
import { defineTool } from '../tool.js';

export const stopFocusSessionTool = defineTool({
  name: 'stop_focus_session',
  title: 'Stop a focus block early',
  description:
    'Ends a running focus block early, e.g. when the person got interrupted. Nothing is taken away and stopping ' +
    'twice is harmless; the block cannot be resumed, so start a new one to continue.',
  inputSchema: FocusSessionIdSchema,
  outputSchema: StopFocusSessionResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => stopFocusSession(ctx.domain, ctx.actor, input),
});
