import { RecallInputSchema, RecallResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';

export const recallTool = defineTool({
  name: 'recall',
  title: 'Recall memories about a topic',
  description:
    'Searches what is remembered about the person by meaning ("what helps with mornings"): closest memories with ' +
    'a score (default 5, at most 20). Narrow with kinds; includeTasks searches tasks too. mode "keyword" means ' +
    'plain word matching was used.',
  inputSchema: RecallInputSchema,
  outputSchema: RecallResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.memory.recall(ctx.actor.userId, input),
});
