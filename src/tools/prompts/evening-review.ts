import { DateTime } from 'luxon';
import { z } from 'zod';
import { getStreak, listMoods, listTasks } from '../../domain/index.js';
import { readToday } from '../resources/today.js';
import { definePrompt, userData, userText } from '../resource-prompt-definitions.js';

export const eveningReviewPrompt = definePrompt({
  name: 'evening_review',
  title: 'Evening review',
  description:
    'Looks back on today: celebrates what got done, logs how you feel, and gently sets up tomorrow.',
  argsSchema: z.object({}),
  build: async (ctx) => {
    const today = await readToday(ctx);
    const startOfDay = DateTime.fromISO(today.date, { zone: today.timezone }).startOf('day');
    const [done, moods, streak] = await Promise.all([
      listTasks(ctx.domain, ctx.actor, { status: ['done'], sort: 'updated', limit: 50 }),
      listMoods(ctx.domain, ctx.actor, { from: startOfDay.toISO() ?? undefined, limit: 10 }),
      getStreak(ctx.domain, ctx.actor),
    ]);
    const doneToday = done.items.filter(
      (t) => t.completedAt && DateTime.fromISO(t.completedAt) >= startOfDay,
    );
    const review = {
      date: today.date,
      doneToday: {
        items: doneToday.slice(0, 20).map((t) => ({ id: t.id, title: t.title, points: t.points })),
        count: doneToday.length,
      },
      stillOpenToday: today.dueToday,
      moodToday: moods,
      streak: { current: streak.current, status: streak.status, message: streak.message },
    };
    return [
      userData('Today in review', review),
      userText(
        [
          'Help me wrap up today. The attached review has what I finished, what is still open for today, my mood logs and my streak.',
          'Start by celebrating what I did, however small, by name. Then ask how I feel (mood and energy 1 to 5) and log it with log_mood.',
          'For what is still open: no guilt. Offer to move it to tomorrow (update_task) or set it aside, and ask before changing anything.',
          'End with one small first step for tomorrow morning. Keep it brief; it is the end of the day.',
        ].join('\n'),
      ),
    ];
  },
});
