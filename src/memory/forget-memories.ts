import type { MemoryDeps } from './memory-deps.js';
import {
  ForgetInputSchema,
  type ForgetInput,
  type ForgetResult,
  type MemoryActor,
} from './memory-schemas.js';

/**
 * Forgets memories of the acting person for good: each one together with every earlier version it corrected,
 * from MongoDB and from the semantic index. Ids that are not theirs, or already gone, are reported as not found.
 */
export const forgetMemories = async (
  deps: MemoryDeps,
  actor: MemoryActor,
  input: ForgetInput,
): Promise<ForgetResult> => {
  const { userId } = actor;
  const { ids } = ForgetInputSchema.parse(input);
  const now = deps.clock.now();
  const forgotten: string[] = [];
  const notFound: string[] = [];
  for (const id of new Set(ids)) {
    const doc = await deps.repo.findOwned(userId, id);
    const isVisible =
      doc !== null && doc.tier !== 'short_term' && (doc.expiresAt === null || doc.expiresAt > now);
    // Even an expired, not yet swept memory is deleted when named: forgetting means gone, not hidden.
    const removed = await deps.repo.deleteLineage(userId, id);
    await deps.semantic.remove(
      userId,
      'memory',
      removed.map((r) => r._id),
    );
    (isVisible && removed.length > 0 ? forgotten : notFound).push(id);
  }
  for (const id of forgotten) await deps.audit?.record(actor, 'memory.forgotten', 'memory', id);
  return { forgotten, notFound };
};
