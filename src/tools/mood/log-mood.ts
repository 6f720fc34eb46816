import { logMood, LogMoodSchema, MoodLogSchema } from '../../domain/mood/index.js';
import { defineTool } from '../tool.js';

export const logMoodTool = defineTool({
  name: 'log_mood',
  title: 'Log mood and energy',
  description:
    'Records how the person feels: mood 1 (very low) to 5 (great) and energy 1 (drained) to 5 (buzzing), with an ' +
    'optional short note and tags (e.g. "tired", "after-walk"). `at` is when they felt it (ISO 8601 with offset, ' +
    'default now, never in the future). Log only what the person told you; never guess their mood.',
  inputSchema: LogMoodSchema,
  outputSchema: MoodLogSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: (ctx, input) => logMood(ctx.domain, ctx.actor, input),
});
