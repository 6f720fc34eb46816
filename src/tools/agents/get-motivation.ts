import { z } from 'zod';
import { MotivationResultSchema } from '../../agents/index.js';
import { TaskIdSchema } from '../../domain/index.js';
import { defineTool } from '../tool.js';

export const getMotivationTool = defineTool({
  name: 'get_motivation',
  title: 'Get a personal, kind nudge',
  description:
    "2-3 short, shame-free sentences of encouragement in the person's tone, from their recent mood, wins, streak and " +
    'what helped before, plus one tiny next step. For when they are stuck, low or ask for a push; taskId makes it specific.',
  inputSchema: z
    .object({
      taskId: TaskIdSchema.optional().describe('A task to be encouraged about; omit for a general boost'),
    })
    .strict(),
  outputSchema: MotivationResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => ctx.agents.motivate(ctx.actor, input),
});
