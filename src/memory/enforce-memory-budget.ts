import type { MemoryDeps } from './memory-deps.js';
import type { MemoryTier } from './memory-schemas.js';
import { overBudget } from './memory-value.js';

/**
 * Keeps one person's working or long-term memories within budget by dropping the least valuable ones first
 * (superseded history before anything current). Returns the ids it dropped.
 */
export const enforceMemoryBudget = async (
  deps: Pick<MemoryDeps, 'repo' | 'semantic' | 'clock' | 'budgets'>,
  userId: string,
  tier: Exclude<MemoryTier, 'short_term'>,
): Promise<string[]> => {
  const budget = tier === 'long_term' ? deps.budgets.maxLongTermPerUser : deps.budgets.maxWorkingPerUser;
  // Counting is cheap; the full valuation only runs once the budget is actually exceeded.
  if ((await deps.repo.count({ userId, tier })) <= budget) return [];
  const now = deps.clock.now();
  const drop = overBudget(await deps.repo.valued(userId, { tier }), budget, now);
  await deps.repo.deleteIds(userId, drop);
  await deps.semantic.remove(userId, 'memory', drop);
  return drop;
};
