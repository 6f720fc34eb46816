import {
  suggestNextTask,
  SuggestNextTaskResultSchema,
  SuggestNextTaskSchema,
} from '../../domain/tasks/index.js';
import { defineTool } from '../tool.js';

export const suggestNextTaskTool = defineTool({
  name: 'suggest_next_task',
  title: 'Suggest what to do now',
  description:
    'Answers "what should I do now?" with ONE open task that fits right now, its first tiny step and a short plain ' +
    'reason. Pass availableMinutes, energy (1-5) and mood (1-5) when the person mentions them; otherwise their ' +
    'latest mood log of the last 12 hours is used. Weighs due dates (gently), priority, estimates against the time ' +
    'there is and the energy a task needs; favours quick wins when energy or mood is low; skips snoozed tasks. ' +
    'With nothing to suggest, task is null and message is a kind line to pass on. Changes nothing.',
  inputSchema: SuggestNextTaskSchema,
  outputSchema: SuggestNextTaskResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  run: (ctx, input) => suggestNextTask(ctx.domain, ctx.actor, input),
});
