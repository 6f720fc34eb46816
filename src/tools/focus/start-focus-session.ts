import { FocusSessionSchema, startFocusSession, StartFocusSessionSchema } from '../../domain/focus/index.js';
import { defineTool } from '../tool.js';

export const startFocusSessionTool = defineTool({
  name: 'start_focus_session',
  title: 'Start a focus block',
  description:
    "Starts a timed focus block (default 25 minutes, 1 to 240), optionally for one of the person's tasks (taskId) " +
    'or with a short label. One block runs at a time; if one is running the result says so and names it. Short ' +
    'blocks are great for getting started.',
  inputSchema: StartFocusSessionSchema,
  outputSchema: FocusSessionSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => startFocusSession(ctx.domain, ctx.actor, input),
});
