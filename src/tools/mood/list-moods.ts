import { z } from 'zod';
import { listMoods, ListMoodsSchema, MoodLogSchema } from '../../domain/mood/index.js';
import { defineTool } from '../tool.js';

export const listMoodsTool = defineTool({
  name: 'list_moods',
  title: 'List mood logs',
  description:
    'Returns mood and energy logs, newest first, optionally between from and to (ISO 8601 with offset). Default 50, ' +
    'at most 200. For averages and trends use get_mood_patterns instead.',
  inputSchema: ListMoodsSchema,
  outputSchema: z.object({ items: z.array(MoodLogSchema), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const items = await listMoods(ctx.domain, ctx.actor, input);
    return { items, count: items.length };
  },
});
