import { RecallInputSchema, RecallResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';
import { memoryOf } from './memory-of.js';

export const recallTool = defineTool({
  name: 'recall',
  title: 'Recall memories about a topic',
  description:
    'Searches what is remembered about the person by meaning, e.g. "what helps with mornings", and returns the ' +
    'closest current memories with a score (higher is closer; default 5, at most 20). Narrow with kinds; set ' +
    'includeTasks to search their tasks too. mode "keyword" means the embeddings service was unreachable and ' +
    'plain word matching was used. Use list_memories to browse everything instead.',
  inputSchema: RecallInputSchema,
  outputSchema: RecallResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => memoryOf(ctx).recall(ctx.actor.userId, input),
});
