import { getMoodPatterns, GetMoodPatternsSchema, MoodPatternsSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const getMoodPatternsTool = defineTool({
  name: 'get_mood_patterns',
  title: 'Get mood and energy patterns',
  description:
    'Summarizes the last `days` days (default 90): average mood and energy by weekday and time of day, how mood ' +
    'relates to finishing tasks, gentle highlights. Use it to suggest when to do demanding work; never judge.',
  inputSchema: GetMoodPatternsSchema,
  outputSchema: MoodPatternsSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => getMoodPatterns(ctx.domain, ctx.actor, input),
});
