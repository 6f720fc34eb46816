import { describe, expect, it } from 'vitest';
import { memoryValue, overBudget, type ValuedMemory } from './memory-value.js';

const now = new Date('2025-06-01T12:00:00Z');
const memory = (id: string, overrides: Partial<ValuedMemory> = {}): ValuedMemory => ({
  _id: id,
  kind: 'fact',
  importance: 3,
  useCount: 0,
  lastUsedAt: null,
  updatedAt: now,
  supersededBy: null,
  ...overrides,
});

describe('memory value and budget', () => {
  it('values important, useful and recently used memories more', () => {
    expect(memoryValue(memory('a', { importance: 5 }), now)).toBeGreaterThan(memoryValue(memory('b'), now));
    expect(memoryValue(memory('a', { kind: 'trigger' }), now)).toBeGreaterThan(memoryValue(memory('b'), now));
    expect(memoryValue(memory('a', { useCount: 4 }), now)).toBeGreaterThan(memoryValue(memory('b'), now));
    const old = new Date('2025-01-01T00:00:00Z');
    expect(memoryValue(memory('a', { updatedAt: old, lastUsedAt: now }), now)).toBeGreaterThan(
      memoryValue(memory('b', { updatedAt: old }), now),
    );
  });

  it('drops superseded versions first, then the least valuable, then the oldest', () => {
    const older = new Date('2025-05-01T00:00:00Z');
    const memories = [
      memory('essential', { importance: 5, kind: 'commitment' }),
      memory('trivia-new', { importance: 1 }),
      memory('trivia-old', { importance: 1, updatedAt: older }),
      memory('old-version', { importance: 5, supersededBy: 'essential' }),
    ];
    expect(overBudget(memories, 2, now)).toEqual(['old-version', 'trivia-old']);
    expect(overBudget(memories, 4, now)).toEqual([]);
  });
});
