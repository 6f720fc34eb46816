import type { MemoryDeps } from './memory-deps.js';

export type SweepResult = { memoriesRemoved: number; vectorsExpired: number; tombstonesPurged: number };

const BATCH = 500;

/**
 * Deletes what has expired (reads already ignore it; this reclaims the space) and old removal markers.
 * Safe to run at any time and from any process; the maintenance job schedules it.
 */
export const sweepMemories = async (
  deps: Pick<MemoryDeps, 'repo' | 'semantic' | 'clock'>,
): Promise<SweepResult> => {
  const now = deps.clock.now();
  let memoriesRemoved = 0;
  for (;;) {
    const batch = await deps.repo.expired(now, BATCH);
    if (batch.length === 0) break;
    const byUser = new Map<string, typeof batch>();
    for (const doc of batch) byUser.set(doc.userId, [...(byUser.get(doc.userId) ?? []), doc]);
    for (const [userId, docs] of byUser) {
      memoriesRemoved += await deps.repo.deleteExpired(docs.map((d) => d._id));
      const indexed = docs.filter((d) => d.tier !== 'short_term').map((d) => d._id);
      await deps.semantic.remove(userId, 'memory', indexed);
    }
  }
  const { expired, purged } = await deps.semantic.sweep();
  return { memoriesRemoved, vectorsExpired: expired, tombstonesPurged: purged };
};
