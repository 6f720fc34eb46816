import { RememberInputSchema, RememberResultSchema } from '../../memory/index.js';
import { defineTool } from '../tool.js';
import { memoryOf } from './memory-of.js';

export const rememberTool = defineTool({
  name: 'remember',
  title: 'Remember something about the person',
  description:
    'Stores something worth knowing next time, as one short third-person sentence. Kinds: preference ("Prefers ' +
    'reminders after 10am"), trigger (what makes things harder), what_helped (what got them going), commitment, ' +
    'fact; for today only: plan, focus, open_question (they fade after about a day, and a new plan or focus ' +
    'replaces the previous one). To correct a memory, pass its id as replaces. Saying the same thing again does ' +
    'not duplicate it. Remember only what the person said or clearly showed, never passwords or other secrets.',
  inputSchema: RememberInputSchema,
  outputSchema: RememberResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => memoryOf(ctx).remember(ctx.actor, input),
});
