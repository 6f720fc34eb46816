import { z } from 'zod';
import { AppError } from '../../shared/index.js';
import { definePrompt, userResource, userText } from '../resource-prompt-definitions.js';
import { readTaskDetail } from '../tasks/get-task.js';
import { taskIdCompletions } from './task-id-completions.js';

export const breakDownTaskPrompt = definePrompt({
  name: 'break_down_task',
  title: 'Break down a task',
  description:
    'Turns a big or vague task into small concrete steps, the first doable in two minutes, saved as subtasks.',
  argsSchema: z.object({
    taskId: z.string().max(64).optional().describe('The id of one of your tasks, e.g. task_8x2k4m9q1w3e5r7t'),
    task: z.string().max(500).optional().describe('Or describe the task in your own words'),
  }),
  complete: { taskId: taskIdCompletions },
  build: async (ctx, { taskId, task }) => {
    const steps = [
      'Break it into 3 to 7 small, concrete steps, each 5 to 25 minutes, in a sensible order; make the first one tiny (two minutes).',
      'Show me the steps first and ask if they fit. When I say yes, save each with create_task using the parentId of the task, in order, with estimateMinutes.',
      'Keep the wording plain and encouraging; no step should feel like a chore list of everything.',
    ];
    if (taskId) {
      const detail = await readTaskDetail(ctx, taskId);
      return [
        userResource(`focusforge://tasks/${detail.id}`, detail),
        userText(
          [
            `Help me break down my task "${detail.title}" (attached, with the steps it already has).`,
            ...steps,
          ].join('\n'),
        ),
      ];
    }
    if (!task)
      throw new AppError('VALIDATION_FAILED', 'Give taskId (one of your tasks) or task (a description).');
    return [
      userText(
        [
          `Help me break down this task: "${task}".`,
          'It may not exist yet: if list_tasks with q finds nothing like it, create it first with create_task, then add the steps under it.',
          ...steps,
        ].join('\n'),
      ),
    ];
  },
});
