import { RememberInputSchema, RememberResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';

export const rememberTool = defineTool({
  name: 'remember',
  title: 'Remember something about the person',
  description:
    'Stores a fact about the person as one short third-person sentence; not a to-do (anything to do or be ' +
    'reminded of: create_task). To correct one, pass its id as replaces. Never secrets.',
  inputSchema: RememberInputSchema,
  outputSchema: RememberResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.memory.remember(ctx.actor, input),
});
