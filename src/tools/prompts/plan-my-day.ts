import { z } from 'zod';
import { getProfile } from '../../domain/index.js';
import { readToday } from '../resources/today.js';
import { definePrompt, userResource, userText } from '../resource-prompt-definitions.js';

export const planMyDayPrompt = definePrompt({
  name: 'plan_my_day',
  title: 'Plan my day',
  description:
    "A gentle plan for today from what's due, what's overdue and how you feel: three things at most, and a tiny first step.",
  argsSchema: z.object({
    energy: z
      .string()
      .max(200)
      .optional()
      .describe('How you feel right now, e.g. "low energy", "wired", "ok"'),
    availableMinutes: z
      .string()
      .max(20)
      .optional()
      .describe('Roughly how much time you have today, in minutes'),
  }),
  build: async (ctx, { energy, availableMinutes }) => {
    const [today, profile] = await Promise.all([readToday(ctx), getProfile(ctx.domain, ctx.actor.userId)]);
    const context = [
      energy
        ? `Right now I feel: ${energy}.`
        : 'Ask me in one short question how my energy is before planning.',
      availableMinutes ? `I have about ${availableMinutes} minutes for tasks today.` : '',
    ].filter(Boolean);
    return [
      userResource('focusforge://today', today),
      userText(
        [
          `Help me plan today (${today.date}, ${profile.timezone}). The attached resource has my tasks for today, overdue ones and those in progress.`,
          ...context,
          'Pick at most three things, matched to my energy, and say why each in a few words. For the first one, name a first step I can do in two minutes.',
          'Keep it short and kind; overdue tasks are not failures. If the overdue pile is large, offer the fresh_start tool instead of listing it all.',
          'Ask before changing anything. When I agree, use update_task (e.g. status in_progress or a new due time), create_task for new steps, and offer start_focus_session for the first one.',
          `Use a ${profile.preferences.tone} tone.`,
        ].join('\n'),
      ),
    ];
  },
});
