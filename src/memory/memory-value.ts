import type { MemoryKind } from './memory-schemas.js';

const DAY_MS = 86_400_000;

// Knowing what overwhelms someone, what helped and what they promised matters more than trivia.
const kindWeight: Record<MemoryKind, number> = {
  commitment: 1.5,
  trigger: 1.5,
  what_helped: 1.5,
  preference: 1,
  fact: 0.5,
  plan: 1,
  focus: 1,
  open_question: 0.5,
};

export type ValuedMemory = {
  _id: string;
  kind: MemoryKind | 'turn';
  importance: number;
  useCount: number;
  lastUsedAt: Date | null;
  updatedAt: Date;
  supersededBy: string | null;
};

/** How much a memory is worth keeping: importance, kind, how often it was useful, and how recently. */
export const memoryValue = (memory: ValuedMemory, now: Date): number => {
  if (memory.supersededBy) return Number.NEGATIVE_INFINITY; // an old version goes before any current fact
  const lastTouched = Math.max(memory.updatedAt.getTime(), memory.lastUsedAt?.getTime() ?? 0);
  const idleDays = Math.max(0, now.getTime() - lastTouched) / DAY_MS;
  const kind = memory.kind === 'turn' ? 0 : kindWeight[memory.kind];
  return memory.importance + kind + Math.min(memory.useCount, 10) * 0.2 - Math.min(idleDays / 90, 3);
};

/** The ids to drop so that at most `budget` memories remain: least valuable first, older first among equals. */
export const overBudget = (memories: ValuedMemory[], budget: number, now: Date): string[] => {
  const excess = memories.length - budget;
  if (excess <= 0) return [];
  return memories
    .map((m) => ({ id: m._id, value: memoryValue(m, now), at: m.updatedAt.getTime() }))
    .sort((a, b) => a.value - b.value || a.at - b.at)
    .slice(0, excess)
    .map((m) => m.id);
};
