import {
  listMoods,
  suggestNextTask,
  SuggestNextTaskResultSchema,
  SuggestNextTaskSchema,
} from '../../domain/index.js';
import { levelOf, MOOD_ENERGY_FORM, MoodEnergyFormSchema } from '../elicitation.js';
import { defineTool } from '../tool.js';

/** A mood log this recent already says how they are (the use case reads it): no need to ask. */
const RECENT_MOOD_MS = 12 * 60 * 60_000;

export const suggestNextTaskTool = defineTool({
  name: 'suggest_next_task',
  title: 'Suggest what to do now',
  description:
    'Answers "what should I do now?" with ONE open task that fits, its first tiny step and a plain reason. Pass ' +
    'availableMinutes, energy (1-5) and mood (1-5) when mentioned; otherwise the latest mood log (12 h) is used. ' +
    'Favours quick wins when energy or mood is low; skips snoozed tasks. No fit: task is null with a kind message.',
  inputSchema: SuggestNextTaskSchema,
  outputSchema: SuggestNextTaskResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  // One-tap pickers when nothing says how they feel right now; skipping them changes nothing.
  elicit: {
    question: async (ctx, input) => {
      if (input.mood !== undefined || input.energy !== undefined) return null;
      const from = new Date(Date.now() - RECENT_MOOD_MS).toISOString();
      const [recent] = await listMoods(ctx.domain, ctx.actor, { from, limit: 1 });
      return recent ? null : 'How are you right now? One tap each helps me pick something that fits.';
    },
    form: MoodEnergyFormSchema,
    wireForm: MOOD_ENERGY_FORM,
    apply: (input, answer) => {
      const mood = levelOf(answer?.mood);
      const energy = levelOf(answer?.energy);
      return { ...input, ...(mood ? { mood } : {}), ...(energy ? { energy } : {}) };
    },
  },
  run: (ctx, input) => suggestNextTask(ctx.domain, ctx.actor, input),
});
