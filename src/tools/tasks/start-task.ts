import {
  startTask,
  StartTaskResultSchema,
  StartTaskSchema,
  TaskIdSchema,
  type FirstStepSource,
} from '../../domain/index.js';
import { defineTool, type ToolContext } from '../tool.js';

/** The breakdown chain's first step (at most 2 minutes by its schema); a failure falls back to a starter. */
const breakDownWith =
  (ctx: ToolContext): FirstStepSource =>
  async (actor, task) => {
    const breakdown = await ctx.agents.breakDownTask(actor, { taskId: task.id, granularity: 5 });
    const [first] = breakdown.steps;
    if (!first) throw new Error('the breakdown had no steps');
    return { title: first.title, minutes: first.minutes };
  };

export const startTaskTool = defineTool({
  name: 'start_task',
  title: 'Start a task with one tiny step',
  description:
    'Start mode for one open task when the person wants to begin now: returns ONLY a first step of about 2 minutes ' +
    '(first open subtask, else from the breakdown helper, else a starter) and sends a check-back message after ' +
    'checkbackMinutes (default 5, 1-60). Show just that step. Changes nothing else; not a timer (start_focus_session is).',
  inputSchema: StartTaskSchema.extend({ taskId: TaskIdSchema }).strict(),
  outputSchema: StartTaskResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  run: (ctx, { taskId, ...input }) =>
    startTask(
      { ...ctx.domain, scheduler: ctx.scheduler, logger: ctx.logger, breakDown: breakDownWith(ctx) },
      ctx.actor,
      taskId,
      input,
    ),
});
