import { ListMemoriesInputSchema, ListMemoriesResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';

export const listMemoriesTool = defineTool({
  name: 'list_memories',
  title: 'List memories',
  description:
    'Lists what is remembered about the person, most recently changed first: long-term facts and today\u2019s working ' +
    'memory. Filter by tier or kinds. Default 20, at most 100; when hasMore, pass offset. For a topic use recall.',
  inputSchema: ListMemoriesInputSchema,
  outputSchema: ListMemoriesResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.memory.list(ctx.actor.userId, input),
});
