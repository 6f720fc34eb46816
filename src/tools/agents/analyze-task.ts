import { z } from 'zod';
import { AnalysisResultSchema } from '../../agents/index.js';
import { TaskIdSchema } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { defineTool } from '../tool.js';

export const analyzeTaskTool = defineTool({
  name: 'analyze_task',
  title: 'Size up a task',
  description:
    'Estimates complexity, duration for this person, energy needed, best time of day, likely blockers with tiny ' +
    'workarounds and a free slot. For "when should I do this?". Give taskId or a title.',
  inputSchema: z
    .object({
      taskId: TaskIdSchema.optional().describe('One of your tasks'),
      title: z.string().trim().min(1).max(200).optional().describe('A task in words, if it is not saved yet'),
      notes: z.string().trim().max(2000).optional(),
    })
    .strict(),
  outputSchema: AnalysisResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => {
    if (!input.taskId && !input.title)
      throw new AppError('VALIDATION_FAILED', 'Invalid input. taskId: give taskId or title');
    return ctx.agents.analyzeTask(ctx.actor, input);
  },
});
