import { z } from 'zod';
import {
  BreakdownResultSchema,
  GranularitySchema,
  SavedStepsSchema,
  StepToSaveSchema,
} from '../../agents/index.js';
import { TaskIdSchema } from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { defineTool } from '../tool.js';

export const breakDownTaskTool = defineTool({
  name: 'break_down_task',
  title: 'Break a task into small steps',
  description:
    'Splits a big or vague task into 3-8 steps, the first doable in 2 minutes. Give taskId or a title, optionally ' +
    'granularity 1-5 (5 = tiny). Show the steps; when accepted, call again with taskId and `steps` to save them as ' +
    'subtasks (or save: true). meta.notice marks basic mode.',
  inputSchema: z
    .object({
      taskId: TaskIdSchema.optional().describe('One of your tasks'),
      title: z.string().trim().min(1).max(200).optional().describe('A task in words, if it is not saved yet'),
      notes: z.string().trim().max(2000).optional(),
      granularity: GranularitySchema.optional(),
      save: z.boolean().default(false).describe('Save the generated steps as subtasks right away'),
      steps: z
        .array(StepToSaveSchema)
        .min(1)
        .max(8)
        .optional()
        .describe('Accepted steps to save as subtasks (no new breakdown is made)'),
    })
    .strict(),
  outputSchema: z.object({
    breakdown: BreakdownResultSchema.nullable().describe(
      'The suggested steps; null when only saving given steps',
    ),
    saved: SavedStepsSchema.nullable().describe('The subtasks created, when saving'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  run: async (ctx, input) => {
    if (!input.taskId && !input.title)
      throw new AppError('VALIDATION_FAILED', 'Invalid input. taskId: give taskId or title');
    const agents = ctx.agents;
    if (input.steps) {
      return {
        breakdown: null,
        saved: await agents.saveSteps(ctx.actor, {
          taskId: input.taskId,
          title: input.title,
          steps: input.steps,
        }),
      };
    }
    const breakdown = await agents.breakDownTask(ctx.actor, {
      taskId: input.taskId,
      title: input.title,
      notes: input.notes,
      granularity: input.granularity,
    });
    const saved = input.save
      ? await agents.saveSteps(ctx.actor, {
          taskId: input.taskId,
          title: breakdown.task.title,
          steps: breakdown.steps.map((s) => ({ title: s.title, minutes: s.minutes })),
        })
      : null;
    return { breakdown, saved };
  },
});
