import type { MemoryContext } from '../memory-context.js';
import { DATA_RULE, dataBlock, memoryBlock } from '../prompt-data.js';
import type { MotivationInput } from './schema.js';

export const motivationSystemPrompt = (tone: MotivationInput['tone']): string =>
  [
    'You write short encouragement for a person with ADHD. 2-3 short sentences, personal, warm and honest.',
    `Tone: ${tone}.`,
    'Draw on their recent mood, their recent wins and what helped them before, when given.',
    'Never use guilt, shame, pressure, urgency, deadlines as threats, or comparison with anyone.',
    'Never say they should have, are behind, failed, are lazy, or procrastinate. No "you must" or "you have to".',
    'If their mood or energy is low, make the ask smaller, not bigger. Offer one tiny next step of at most 2 minutes.',
    DATA_RULE,
  ].join(' ');

export const motivationUserPrompt = (input: MotivationInput, memory: MemoryContext | undefined): string => {
  const moods = input.recentMoods
    .slice(0, 3)
    .map((m) => `mood ${m.mood}/5, energy ${m.energy}/5 at ${m.at}`)
    .join('\n');
  const wins = input.wins
    .slice(0, 3)
    .map((w) => `- ${w.title}`)
    .join('\n');
  return [
    `Name: ${input.name.slice(0, 60)}`,
    input.task
      ? dataBlock('task', input.task.title, 500)
      : 'No particular task: they asked for a general boost.',
    moods ? dataBlock('recent_mood', moods, 500) : 'No recent mood logged.',
    wins ? dataBlock('recent_wins', wins, 800) : 'No recent wins recorded.',
    input.streakDays >= 2 ? `Current streak: ${input.streakDays} days.` : '',
    input.whatHelped.length ? dataBlock('what_helped', input.whatHelped.slice(0, 3).join('\n'), 600) : '',
    memoryBlock(memory, 1500),
  ]
    .filter(Boolean)
    .join('\n\n');
};
