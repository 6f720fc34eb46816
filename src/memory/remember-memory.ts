import { AppError } from '../shared/index.js';
import { enforceMemoryBudget } from './enforce-memory-budget.js';
import type { MemoryDeps } from './memory-deps.js';
import { expiryFor, newMemoryDoc, tierOf } from './memory-doc.js';
import { current, textKeyOf, toMemoryItem, type MemoryDoc } from './memory-repo.js';
import {
  RememberInputSchema,
  type MemoryActor,
  type RememberInput,
  type RememberResult,
} from './memory-schemas.js';

// Only one plan and one focus at a time: a new one replaces today's previous one.
const singleValuedKinds = new Set(['plan', 'focus']);

/**
 * Stores a working or long-term memory for the acting person. The same text again refreshes the existing
 * memory; `replaces` corrects an earlier one, which is superseded (kept briefly as history, never returned).
 */
export const rememberMemory = async (
  deps: MemoryDeps,
  actor: MemoryActor,
  input: RememberInput,
): Promise<RememberResult> => {
  const { text, kind, importance, replaces, expiresAt: until } = RememberInputSchema.parse(input);
  const { userId } = actor;
  const now = deps.clock.now();
  const tier = tierOf(kind);
  const expiresAt = expiryFor(kind, until, now, deps.budgets);

  let previous: MemoryDoc | null = null;
  if (replaces) {
    previous = await deps.repo.findCurrent(userId, replaces, now);
    if (!previous)
      throw new AppError(
        'NOT_FOUND',
        "I couldn't find that memory to correct. It may have been forgotten or already updated.",
      );
  } else {
    const same = await deps.repo.findOne(current(userId, now, { tier, kind, textKey: textKeyOf(text) }));
    if (same) {
      const refreshed = (await deps.repo.refresh(userId, same._id, now, importance)) ?? same;
      return { memory: toMemoryItem(refreshed), isNew: false, superseded: null };
    }
    if (singleValuedKinds.has(kind)) previous = await deps.repo.findOne(current(userId, now, { tier, kind }));
  }

  const doc = newMemoryDoc(actor, { text, kind, importance }, now, expiresAt, previous);
  await deps.repo.insert(doc);
  try {
    await deps.semantic.put(userId, [{ source: 'memory', sourceId: doc._id, text, expiresAt, facet: kind }]);
    if (previous) {
      const retention = new Date(now.getTime() + deps.budgets.supersededRetentionMs);
      const retainUntil =
        previous.expiresAt && previous.expiresAt < retention ? previous.expiresAt : retention;
      if (!(await deps.repo.supersede(userId, previous._id, doc._id, now, retainUntil))) {
        throw new AppError(
          'CONFLICT',
          'That memory was just changed by something else. Please look at it again.',
        );
      }
    }
  } catch (error) {
    // Undo: a memory is either fully stored or not at all, and the one it would have replaced stays current.
    await deps.repo.deleteIds(userId, [doc._id]);
    await deps.semantic.remove(userId, 'memory', [doc._id]).catch(() => undefined);
    throw error;
  }
  if (previous) await deps.semantic.remove(userId, 'memory', [previous._id]);
  await enforceMemoryBudget(deps, userId, tier);
  await deps.audit?.record(actor, previous ? 'memory.corrected' : 'memory.remembered', 'memory', doc._id, {
    kind,
    ...(previous ? { supersedes: previous._id } : {}),
  });
  return { memory: toMemoryItem(doc), isNew: true, superseded: previous?._id ?? null };
};
