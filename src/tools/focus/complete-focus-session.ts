import {
  completeFocusSession,
  CompleteFocusSessionResultSchema,
  FocusSessionIdSchema,
} from '../../domain/focus/index.js';
import { defineTool } from '../tool.js';

export const completeFocusSessionTool = defineTool({
  name: 'complete_focus_session',
  title: 'Complete a focus block',
  description:
    'Ends a focus block as done: points for the minutes focused (given once, so repeating is harmless) and the day ' +
    'counts for the streak. Returns the session, the celebration and a kind message to pass on.',
  inputSchema: FocusSessionIdSchema,
  outputSchema: CompleteFocusSessionResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => completeFocusSession(ctx.domain, ctx.actor, input),
});
