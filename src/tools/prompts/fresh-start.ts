import { z } from 'zod';
import { listTasks } from '../../domain/index.js';
import { definePrompt, userData, userText } from '../resource-prompt-definitions.js';

const SHOWN = 20;

export const freshStartPrompt = definePrompt({
  name: 'fresh_start',
  title: 'Fresh start',
  description:
    'For when the overdue pile feels heavy: look at it without guilt and clear it by rescheduling or setting tasks aside.',
  argsSchema: z.object({}),
  build: async (ctx) => {
    const overdue = await listTasks(ctx.domain, ctx.actor, { overdue: true, limit: 100 });
    const pile = {
      count: overdue.items.length,
      hasMore: overdue.nextCursor !== null,
      items: overdue.items
        .slice(0, SHOWN)
        .map((t) => ({ id: t.id, title: t.title, priority: t.priority, dueAt: t.dueAt, dueDate: t.dueDate })),
    };
    return [
      userData('Overdue tasks', pile),
      userText(
        [
          `I have ${pile.count}${pile.hasMore ? '+' : ''} overdue tasks (the first ${SHOWN} are attached) and I want a fresh start.`,
          'Say first, in one line, that overdue tasks are normal and nothing is lost. Then offer the choices: spread them over the next days (reschedule, a few per day), set them aside (archive), or keep a few that still matter and set the rest aside.',
          'Ask how many per day feels doable (default 3). When I choose, call fresh_start with that action (and ids when only some are meant), then tell me the result kindly and suggest one tiny task to start with.',
          'Do not change anything before I choose.',
        ].join('\n'),
      ),
    ];
  },
});
