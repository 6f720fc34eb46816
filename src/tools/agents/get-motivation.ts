import { z } from 'zod';
import { MotivationResultSchema } from '../../agents/index.js';
import { TaskIdSchema } from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';
import { agentsOf } from './agents-of.js';

export const getMotivationTool = defineTool({
  name: 'get_motivation',
  title: 'Get a personal, kind nudge',
  description:
    "Writes 2-3 short, shame-free sentences of encouragement in the person's preferred tone, drawing on their recent " +
    'mood, recent wins, streak and what helped them before, plus one tiny next step. Never guilt, pressure or ' +
    'comparison. Use it when someone is stuck, low, or asks for a push; pass taskId to be specific.',
  inputSchema: z
    .object({
      taskId: TaskIdSchema.optional().describe('A task to be encouraged about; omit for a general boost'),
    })
    .strict(),
  outputSchema: MotivationResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => agentsOf(ctx).motivate(ctx.actor, input),
});
