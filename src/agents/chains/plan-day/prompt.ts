import type { MemoryContext } from '../memory-context.js';
import { DATA_RULE, dataBlock, memoryBlock } from '../prompt-data.js';
import { MAX_PICKS, type PlanTask } from './schema.js';

export const planDaySystemPrompt = (): string =>
  [
    'You plan a realistic day for a person with ADHD from their open tasks.',
    // Every word of the answer is read by the person and, on a small local model, waited for (~0.1 s each on 2 cores).
    `Pick at most ${MAX_PICKS} tasks by their id, in the order to do them, each with a reason of at most ten words.`,
    'Open with one quick win. Put what is due or overdue early; match heavy tasks to good energy; fewer is better than too many.',
    'Use only ids from the list. The summary is one kind sentence of at most twenty words, with no pressure and no guilt about overdue tasks.',
    DATA_RULE,
  ].join(' ');

export const planDayUserPrompt = (
  tasks: PlanTask[],
  date: string,
  energy: number | null,
  capacity: number,
  memory: MemoryContext | undefined,
): string => {
  const lines = tasks
    .slice(0, 40)
    .map(
      (t) =>
        `${t.id} | ${t.title.slice(0, 120)} | priority ${t.priority}` +
        (t.dueAt || t.dueDate ? ` | due ${t.dueAt ?? t.dueDate}` : '') +
        (t.isOverdue ? ' | overdue' : '') +
        (t.estimateMinutes ? ` | ~${t.estimateMinutes} min` : '') +
        (t.energy ? ` | ${t.energy} energy` : ''),
    )
    .join('\n');
  return [
    `Plan for ${date}. About ${capacity} minutes of task time fit today.`,
    energy === null ? 'Energy today: unknown.' : `Energy today: ${energy}/5.`,
    dataBlock('tasks', lines, 6000),
    memoryBlock(memory, 1500),
  ]
    .filter(Boolean)
    .join('\n\n');
};
