import { newId } from '../shared/index.js';
import type { MemoryDeps } from './memory-deps.js';
import { live, nextPosition, textKeyOf, type MemoryDoc } from './memory-repo.js';
import {
  RecordTurnInputSchema,
  type MemoryActor,
  type RecordTurnInput,
  type Turn,
} from './memory-schemas.js';

/** Trim a thread on its first turn seen by this process and every this many after (trimming is a query). */
const TRIM_EVERY = 16;
const recordedSinceTrim = new Map<string, number>();

/** True when this thread is due a trim; counts per process, so a thread holds at most `TRIM_EVERY` extra turns. */
const dueForTrim = (key: string): boolean => {
  const count = recordedSinceTrim.get(key) ?? 0;
  if (recordedSinceTrim.size >= 10_000 && count === 0) recordedSinceTrim.clear();
  recordedSinceTrim.set(key, (count + 1) % TRIM_EVERY);
  return count === 0;
};

/**
 * Remembers one conversation turn for about an hour, keeping the newest `maxTurnsPerThread` per thread (the trim
 * runs every few turns, so a busy thread briefly holds up to `TRIM_EVERY` more; reads take the newest anyway).
 */
export const recordTurn = async (
  deps: MemoryDeps,
  actor: MemoryActor,
  input: RecordTurnInput,
): Promise<void> => {
  const { threadId, role, text } = RecordTurnInputSchema.parse(input);
  const now = deps.clock.now();
  const doc: MemoryDoc = {
    _id: newId('mem'),
    userId: actor.userId,
    tier: 'short_term',
    kind: 'turn',
    text,
    textKey: textKeyOf(text),
    threadId,
    role,
    importance: 1,
    source: { via: actor.via, ref: actor.ref ?? threadId },
    createdAt: now,
    position: nextPosition(now),
    updatedAt: now,
    expiresAt: new Date(now.getTime() + deps.budgets.shortTermTtlMs),
    supersedes: null,
    supersededBy: null,
    lineage: '',
    useCount: 0,
    lastUsedAt: null,
  };
  doc.lineage = doc._id;
  await deps.repo.insert(doc);
  if (!dueForTrim(`${actor.userId}\u0000${threadId}`)) return;
  const overflow = await deps.repo.find(
    { userId: actor.userId, tier: 'short_term', threadId },
    { sort: { position: -1 }, skip: deps.budgets.maxTurnsPerThread, limit: 1_000 },
  );
  await deps.repo.deleteIds(
    actor.userId,
    overflow.map((d) => d._id),
  );
};

/** The last `limit` unexpired turns of one thread, oldest first (ready to read as a conversation). */
export const recentTurns = async (
  deps: MemoryDeps,
  userId: string,
  threadId: string,
  limit: number,
): Promise<Turn[]> => {
  const docs = await deps.repo.find(
    { userId, tier: 'short_term', threadId, ...live(deps.clock.now()) },
    { sort: { position: -1 }, limit },
  );
  return docs.reverse().map((d) => ({ role: d.role ?? 'user', text: d.text, at: d.createdAt.toISOString() }));
};

/** Forgets a conversation thread's turns now (e.g. "start over"). */
export const clearThread = async (deps: MemoryDeps, userId: string, threadId: string): Promise<number> => {
  const docs = await deps.repo.find({ userId, tier: 'short_term', threadId }, { limit: 10_000 });
  return deps.repo.deleteIds(
    userId,
    docs.map((d) => d._id),
  );
};
