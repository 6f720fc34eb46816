import { AppError, newId } from '../shared/index.js';
import type { MemoryBudgets } from './memory-deps.js';
import { nextPosition, textKeyOf, type MemoryDoc } from './memory-repo.js';
import { WorkingKindSchema, type MemoryActor, type MemoryKind } from './memory-schemas.js';

export const tierOf = (kind: MemoryKind): 'working' | 'long_term' =>
  WorkingKindSchema.safeParse(kind).success ? 'working' : 'long_term';

/** When a new memory stops being returned: working memory after about a day, or the end date given, if sooner. */
export const expiryFor = (
  kind: MemoryKind,
  until: string | undefined,
  now: Date,
  budgets: MemoryBudgets,
): Date | null => {
  let expiresAt = tierOf(kind) === 'working' ? new Date(now.getTime() + budgets.workingTtlMs) : null;
  if (until) {
    const requested = new Date(until);
    if (requested <= now)
      throw new AppError(
        'BAD_REQUEST',
        'That end date is already in the past, so there is nothing to remember.',
      );
    if (!expiresAt || requested < expiresAt) expiresAt = requested;
  }
  return expiresAt;
};

/** A new working or long-term memory document, correcting `previous` when given. */
export const newMemoryDoc = (
  actor: MemoryActor,
  input: { text: string; kind: MemoryKind; importance: number },
  now: Date,
  expiresAt: Date | null,
  previous: MemoryDoc | null = null,
): MemoryDoc => {
  const id = newId('mem');
  return {
    _id: id,
    userId: actor.userId,
    tier: tierOf(input.kind),
    kind: input.kind,
    text: input.text,
    textKey: textKeyOf(input.text),
    threadId: null,
    role: null,
    importance: input.importance,
    source: { via: actor.via, ref: actor.ref ?? null },
    createdAt: now,
    position: nextPosition(now),
    updatedAt: now,
    expiresAt,
    supersedes: previous?._id ?? null,
    supersededBy: null,
    lineage: previous?.lineage ?? id,
    useCount: 0,
    lastUsedAt: null,
  };
};
