import type { MemoryContext } from '../memory-context.js';
import { DATA_RULE, dataBlock, memoryBlock } from '../prompt-data.js';
import type { BreakdownInput, PersonalPace } from './schema.js';

export const breakdownSystemPrompt = (targetSteps: number, maxStepMinutes: number): string =>
  [
    'You help people with ADHD start tasks by breaking them into small, concrete steps.',
    `Return about ${targetSteps} steps (never fewer than 3 or more than 8), in the order they are done.`,
    'Step 1 must take at most 2 minutes and need no decisions: a physical action that gets the person started',
    '(open the document, put the basket by the machine, find the phone number).',
    "Every step starts with a verb, names this task's actual things, and can be ticked off when done.",
    `Give each step a realistic estimate in minutes for a typical person; keep steps after the first to about ${maxStepMinutes} minutes.`,
    'If the task is too big for that, cover a good first round and make the last step deciding the next chunk.',
    'Use what the memory says helps this person; avoid what it says gets in their way.',
    'The note is one kind sentence. Never use guilt, pressure, urgency or comparison with others.',
    DATA_RULE,
  ].join(' ');

export const breakdownUserPrompt = (
  input: BreakdownInput,
  pace: PersonalPace,
  memory: MemoryContext | undefined,
): string =>
  [
    'Break down this task:',
    dataBlock(
      'task',
      [input.title, input.notes ? `Notes: ${input.notes}` : ''].filter(Boolean).join('\n'),
      2000,
    ),
    `Granularity: ${input.granularity ?? 3} of 5 (1 = a few bigger steps, 5 = many tiny ones).`,
    pace.typicalStepMinutes === null
      ? ''
      : `This person usually finishes steps of about ${pace.typicalStepMinutes} minutes.`,
    memoryBlock(memory),
  ]
    .filter(Boolean)
    .join('\n\n');
