import type { MemoryDeps } from './memory-deps.js';
import { current, live, toMemoryItem } from './memory-repo.js';
import { rememberMemory } from './remember-memory.js';
import type { Turn } from './memory-schemas.js';
import { getWorkingMemory } from './working-memory.js';

export type ConsolidationResult = { proposed: number; remembered: number; rejected: number };

/**
 * The consolidation hook: shows the configured consolidator one person's recent turns, working memory and known
 * facts, and stores the long-term memories it proposes (deduplicated, provenance `job`/`consolidation`).
 * Without a consolidator it does nothing.
 */
export const consolidateMemories = async (deps: MemoryDeps, userId: string): Promise<ConsolidationResult> => {
  if (!deps.consolidator) return { proposed: 0, remembered: 0, rejected: 0 };
  const now = deps.clock.now();
  const turnDocs = await deps.repo.find(
    { userId, tier: 'short_term', ...live(now) },
    { sort: { position: 1 }, limit: 200 },
  );
  const turns: Turn[] = turnDocs.map((d) => ({
    role: d.role ?? 'user',
    text: d.text,
    at: d.createdAt.toISOString(),
  }));
  const facts = (await deps.repo.find(current(userId, now, { tier: 'long_term' }), { limit: 100 })).map(
    toMemoryItem,
  );
  const proposals = await deps.consolidator({
    userId,
    turns,
    working: await getWorkingMemory(deps, userId),
    facts,
  });
  let remembered = 0;
  let rejected = 0;
  for (const proposal of proposals) {
    try {
      const result = await rememberMemory(deps, { userId, via: 'job', ref: 'consolidation' }, proposal);
      if (result.isNew) remembered++;
    } catch (error) {
      rejected++; // one bad proposal (e.g. invalid text) must not lose the others
      deps.logger.warn({ err: (error as Error).message }, 'consolidation proposal rejected');
    }
  }
  return { proposed: proposals.length, remembered, rejected };
};
