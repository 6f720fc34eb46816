import type { Domain } from '../domain/index.js';
import { renderMemoryContext, type MemoryService } from '../memory/index.js';
import type { Clock, Logger } from '../shared/index.js';

export type PersonContext = { timezone: string; memory: string };

export type PersonCacheDeps = {
  domain: Domain;
  memory: MemoryService;
  logger: Logger;
  clock: Clock;
  ttlMs?: number;
  maxPeople?: number;
};

/**
 * The person's time zone and rendered memory context (facts, working memory, recent mood), kept for a minute per
 * person: a conversation's turns come seconds apart and this changes slowly, while building it costs several
 * queries. A rebuildable cache, never the source of truth; `invalidate` drops it when a turn changed memory or mood.
 * Facts are picked for the message that filled the cache (the start of a conversation).
 */
export const createPersonCache = ({
  domain,
  memory,
  logger,
  clock,
  ttlMs = 60_000,
  maxPeople = 1_000,
}: PersonCacheDeps) => {
  const entries = new Map<string, { at: number; value: Promise<PersonContext> }>();

  const load = async (userId: string, query: string, withMemory: boolean): Promise<PersonContext> => {
    const [user, context] = await Promise.all([
      domain.users.get(userId),
      withMemory
        ? memory
            .context(userId, { query: query.slice(0, 2_000) })
            .then(renderMemoryContext)
            .catch((error: unknown) => {
              logger.warn({ err: (error as Error).message }, 'planner: memory context unavailable');
              return '';
            })
        : Promise.resolve(''),
    ]);
    return { timezone: user?.timezone ?? 'UTC', memory: context };
  };

  return {
    get: (userId: string, query: string, withMemory: boolean): Promise<PersonContext> => {
      const key = `${withMemory ? 'm' : 't'}:${userId}`;
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load(userId, query, withMemory);
      value.catch(() => entries.delete(key));
      entries.delete(key);
      entries.set(key, { at: now, value });
      while (entries.size > maxPeople) entries.delete(entries.keys().next().value as string);
      return value;
    },
    invalidate: (userId: string) => {
      entries.delete(`m:${userId}`);
      entries.delete(`t:${userId}`);
    },
  };
};

export type PersonCache = ReturnType<typeof createPersonCache>;
