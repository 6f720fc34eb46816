import type { MemoryContext, MemoryService } from '../../memory/index.js';

export type { MemoryContext };

/** Where chains get memory from: the memory service's budgeted context, or nothing when memory is off. */
export type MemorySource = Pick<MemoryService, 'context'>;

type FactKind = MemoryContext['facts'][number]['kind'];

/** Remembered facts of the given kinds, most relevant first, trimmed. */
export const memoryOf = (memory: MemoryContext | undefined, kinds: FactKind[], max = 5): string[] =>
  (memory?.facts ?? [])
    .filter((fact) => kinds.includes(fact.kind))
    .slice(0, max)
    .map((fact) => fact.text.trim().slice(0, 240))
    .filter(Boolean);
