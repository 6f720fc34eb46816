import { AppError } from '../shared/index.js';
import { enforceMemoryBudget } from './enforce-memory-budget.js';
import type { MemoryDeps } from './memory-deps.js';
import { expiryFor, newMemoryDoc } from './memory-doc.js';
import { current, toMemoryItem, type MemoryDoc } from './memory-repo.js';
import {
  LongTermKindSchema,
  RememberInputSchema,
  type MemoryActor,
  type RememberInput,
  type RememberResult,
} from './memory-schemas.js';

export const MAX_BULK_MEMORIES = 1_000;

/**
 * Stores many new long-term memories at once (an import, a consolidation pass) with one embedding batch and a
 * few database calls. Duplicates of existing memories (or within the batch) are reported, not stored twice.
 * Corrections (`replaces`) and today's working memory go through `rememberMemory` one by one.
 */
export const rememberMemories = async (
  deps: MemoryDeps,
  actor: MemoryActor,
  inputs: RememberInput[],
): Promise<RememberResult[]> => {
  if (inputs.length > MAX_BULK_MEMORIES)
    throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_BULK_MEMORIES} memories at a time, please.`);
  const parsed = inputs.map((input) => RememberInputSchema.parse(input));
  if (parsed.some((p) => p.replaces || !LongTermKindSchema.safeParse(p.kind).success)) {
    throw new AppError(
      'BAD_REQUEST',
      'Only new long-term memories can be stored together; corrections and plans go one at a time.',
    );
  }
  const { userId } = actor;
  const now = deps.clock.now();
  const docs = parsed.map((p) =>
    newMemoryDoc(actor, p, now, expiryFor(p.kind, p.expiresAt, now, deps.budgets)),
  );

  const sameKey = (d: MemoryDoc) => `${d.kind}|${d.textKey}`;
  // All current long-term memories, compared here: cheaper than a long `$in` on FerretDB, and bounded by the budget.
  const existing = await deps.repo.find(current(userId, now, { tier: 'long_term' }), {
    limit: deps.budgets.maxLongTermPerUser + 1,
  });
  const known = new Map(existing.map((d) => [sameKey(d), d]));
  const fresh: MemoryDoc[] = [];
  const results = docs.map((doc): RememberResult => {
    const same = known.get(sameKey(doc));
    if (same) return { memory: toMemoryItem(same), isNew: false, superseded: null };
    known.set(sameKey(doc), doc);
    fresh.push(doc);
    return { memory: toMemoryItem(doc), isNew: true, superseded: null };
  });

  if (fresh.length > 0) {
    await deps.repo.insertMany(fresh);
    try {
      await deps.semantic.put(
        userId,
        fresh.map((d) => ({
          source: 'memory' as const,
          sourceId: d._id,
          text: d.text,
          expiresAt: d.expiresAt,
          facet: d.kind,
        })),
      );
    } catch (error) {
      await deps.repo.deleteIds(
        userId,
        fresh.map((d) => d._id),
      ); // all or nothing, as for a single memory
      throw error;
    }
    await enforceMemoryBudget(deps, userId, 'long_term');
    await deps.audit?.record(actor, 'memory.imported', 'memory', null, { count: fresh.length });
  }
  return results;
};
