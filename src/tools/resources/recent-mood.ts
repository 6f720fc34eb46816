import { z } from 'zod';
import { getMoodPatterns, listMoods, MoodLogSchema, MoodPatternsSchema } from '../../domain/index.js';
import type { ResourceDefinition } from '../resource-prompt-definitions.js';

const RecentMoodSchema = z.object({
  latest: z.array(MoodLogSchema).describe('The 10 latest logs, newest first'),
  lastTwoWeeks: MoodPatternsSchema.pick({ overall: true, byTimeOfDay: true, highlights: true }),
});

export const recentMoodResource: ResourceDefinition = {
  name: 'recent_mood',
  uri: 'focusforge://mood/recent',
  title: 'Recent mood and energy',
  description:
    'The latest mood and energy logs and the averages of the last two weeks, overall and by time of day.',
  read: async (ctx) => {
    const [latest, patterns] = await Promise.all([
      listMoods(ctx.domain, ctx.actor, { limit: 10 }),
      getMoodPatterns(ctx.domain, ctx.actor, { days: 14 }),
    ]);
    return RecentMoodSchema.parse({ latest, lastTwoWeeks: patterns });
  },
};
