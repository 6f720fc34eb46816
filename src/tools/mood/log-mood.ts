import { logMood, LogMoodSchema, MoodLogSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const logMoodTool = defineTool({
  name: 'log_mood',
  title: 'Log mood and energy',
  description:
    'Records how the person feels: mood 1 (very low) to 5 (great), energy 1 (drained) to 5 (buzzing), optional ' +
    'note and tags. `at` defaults to now. Log only what they told you; never guess.',
  inputSchema: LogMoodSchema,
  outputSchema: MoodLogSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => logMood(ctx.domain, ctx.actor, input),
});
