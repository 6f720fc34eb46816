import { listTasks } from '../../domain/index.js';
import type { ResourceTemplateDefinition } from '../resource-prompt-definitions.js';
import { readTaskDetail, TaskDetailSchema } from '../tasks/get-task.js';

export const taskResource: ResourceTemplateDefinition = {
  name: 'task',
  uriTemplate: 'focusforge://tasks/{taskId}',
  title: 'A task',
  description: 'One of your tasks by id, with notes, due date, recurrence, reminders and its first steps.',
  read: async (ctx, { taskId }) => TaskDetailSchema.parse(await readTaskDetail(ctx, taskId ?? '')),
  list: async (ctx) =>
    (await listTasks(ctx.domain, ctx.actor, { topLevel: true, limit: 20 })).items.map((t) => ({
      uri: `focusforge://tasks/${t.id}`,
      name: t.id,
      title: t.title,
    })),
};
