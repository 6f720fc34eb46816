import type { MemoryDeps } from './memory-deps.js';
import { current } from './memory-repo.js';
import type { WorkingMemory } from './memory-schemas.js';

/** Today's plan, current focus and open questions (the newest of each; nothing that has expired). */
export const getWorkingMemory = async (
  deps: Pick<MemoryDeps, 'repo' | 'clock'>,
  userId: string,
  maxQuestions = 5,
): Promise<WorkingMemory> => {
  const docs = await deps.repo.find(current(userId, deps.clock.now(), { tier: 'working' }), { limit: 50 });
  const newest = (kind: string) => docs.find((d) => d.kind === kind)?.text ?? null;
  return {
    plan: newest('plan'),
    focus: newest('focus'),
    openQuestions: docs
      .filter((d) => d.kind === 'open_question')
      .slice(0, maxQuestions)
      .map((d) => d.text),
  };
};
