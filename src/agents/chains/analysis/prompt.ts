import type { MemoryContext } from '../memory-context.js';
import { DATA_RULE, dataBlock, memoryBlock } from '../prompt-data.js';
import type { TimeOfDayChoice } from '../scheduling.js';
import type { AnalysisInput } from './schema.js';

export const analysisSystemPrompt = (): string =>
  [
    'You size up tasks for people with ADHD so they can pick a good moment to do them.',
    'Judge complexity (moving parts and decisions), a realistic total estimate in minutes for a typical person,',
    'the energy it needs, the best time of day, and up to 4 likely blockers, each with a tiny way around it.',
    "Use the memory about what helps or gets in this person's way. Be kind and concrete; never use guilt or pressure.",
    DATA_RULE,
  ].join(' ');

export const analysisUserPrompt = (
  input: AnalysisInput,
  peak: TimeOfDayChoice | null,
  memory: MemoryContext | undefined,
): string =>
  [
    'Analyse this task:',
    dataBlock(
      'task',
      [input.title, input.notes ? `Notes: ${input.notes}` : '', input.dueAt ? `Due: ${input.dueAt}` : '']
        .filter(Boolean)
        .join('\n'),
      2000,
    ),
    peak ? `This person usually has the most energy in the ${peak}.` : '',
    memoryBlock(memory),
  ]
    .filter(Boolean)
    .join('\n\n');
