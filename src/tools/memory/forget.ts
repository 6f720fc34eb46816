import { ForgetInputSchema, ForgetResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';
import { memoryOf } from './memory-of.js';

export const forgetTool = defineTool({
  name: 'forget',
  title: 'Forget memories',
  description:
    'Permanently forgets memories by id (ids come from recall or list_memories), together with their earlier, ' +
    'corrected versions. Confirm with the person first, saying what will be forgotten. To fix a memory rather ' +
    'than drop it, use remember with replaces. Ids that are not found come back in notFound.',
  inputSchema: ForgetInputSchema,
  outputSchema: ForgetResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => memoryOf(ctx).forget(ctx.actor, input),
});
