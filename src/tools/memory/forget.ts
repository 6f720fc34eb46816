import { ForgetInputSchema, ForgetResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';

export const forgetTool = defineTool({
  name: 'forget',
  title: 'Forget memories',
  description:
    'Permanently forgets memories by id (from recall or list_memories) with their earlier versions. Confirm first, ' +
    'saying what goes. To fix a memory instead, use remember with replaces. Unknown ids come back in notFound.',
  inputSchema: ForgetInputSchema,
  outputSchema: ForgetResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.memory.forget(ctx.actor, input),
});
