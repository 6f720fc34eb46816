import { z } from 'zod';
import { listMoods, ListMoodsSchema, MoodLogSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const listMoodsTool = defineTool({
  name: 'list_moods',
  title: 'List mood logs',
  description:
    'Mood and energy logs, newest first, optionally between from and to. Default 50, at most 200. For trends use ' +
    'get_mood_patterns.',
  inputSchema: ListMoodsSchema,
  outputSchema: z.object({ items: z.array(MoodLogSchema), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: async (ctx, input) => {
    const items = await listMoods(ctx.domain, ctx.actor, input);
    return { items, count: items.length };
  },
});
