import { FocusSessionSchema, startFocusSession, StartFocusSessionSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const startFocusSessionTool = defineTool({
  name: 'start_focus_session',
  title: 'Start a focus block',
  description:
    'Starts a focus timer (default 25 minutes, 1-240), optionally for a task (taskId) or with a label. One block ' +
    'at a time; if one runs, the error names it. Ends with end_focus_session. To just begin a task with a tiny ' +
    'first step, use start_task.',
  inputSchema: StartFocusSessionSchema,
  outputSchema: FocusSessionSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => startFocusSession(ctx.domain, ctx.actor, input),
});
