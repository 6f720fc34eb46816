import type { Clock } from '../../shared/index.js';
import type { SemanticStore } from '../semantic-store.js';
import { parseItemKey, type VectorSource } from './vector-doc.js';
import type { IndexParams, VectorHit, VectorIndex } from '../vector-index.js';

/** A search hit; when verified (the default), checked against MongoDB: it exists, is live, and is the asker's. */
export type SemanticHit = { source: VectorSource; sourceId: string; text: string | null; score: number };

export type SearchOptions<T> = {
  limit: number;
  sources: VectorSource[];
  facets?: string[] | undefined;
  /**
   * Checks the hits' documents in MongoDB (owner, removal, expiry) before `accept` sees them. Only a caller
   * whose `accept` re-reads each item's own source of truth, scoped to the user, may turn it off.
   */
  verify?: boolean;
  accept: (hits: SemanticHit[]) => Promise<T[]>;
};

export type SearchDeps = {
  store: SemanticStore;
  clock: Clock;
  params: IndexParams;
  /** Called when stale hits were removed from the index, so that it is saved again. */
  onStaleRemoved: () => void;
};

/** The hits that are still in MongoDB and the user's; the others leave the index for good. */
const verifiedHits = async (deps: SearchDeps, userId: string, index: VectorIndex, hits: VectorHit[]) => {
  const verified = await deps.store.verify(
    userId,
    hits.map((h) => h.key),
    deps.clock.now(),
  );
  const stale = hits.filter((h) => !verified.has(h.key));
  for (const hit of stale) index.remove(hit.key); // deleted, expired or otherwise not theirs: never again
  if (stale.length > 0) deps.onStaleRemoved();
  const candidates: SemanticHit[] = [];
  for (const hit of hits) {
    const doc = verified.get(hit.key);
    const parsed = parseItemKey(hit.key);
    if (doc && parsed) candidates.push({ ...parsed, text: doc.text, score: 1 - hit.distance });
  }
  return candidates;
};

const unverifiedHits = (hits: VectorHit[]) => {
  const candidates: SemanticHit[] = [];
  for (const hit of hits) {
    const parsed = parseItemKey(hit.key);
    if (parsed) candidates.push({ ...parsed, text: null, score: 1 - hit.distance });
  }
  return candidates;
};

/** Nearest accepted items in one user's index; the search widens until `limit` are accepted or it is exhausted. */
export const searchIndex = async <T>(
  deps: SearchDeps,
  userId: string,
  index: VectorIndex,
  queryVector: number[],
  { limit, sources, facets, verify = true, accept }: SearchOptions<T>,
): Promise<T[]> => {
  let wanted = limit + Math.max(3, Math.ceil(limit / 2)); // a little slack for stale hits; widened if short
  for (;;) {
    const hits = index.search(queryVector, wanted, Math.max(deps.params.efSearch, wanted), (key, facet) => {
      const source = key.slice(0, key.indexOf(':'));
      return sources.some((s) => s === source) && (!facets || facets.includes(facet));
    });
    const candidates = verify ? await verifiedHits(deps, userId, index, hits) : unverifiedHits(hits);
    const accepted = await accept(candidates);
    const isExhausted = hits.length < wanted || wanted >= index.size();
    if (accepted.length >= limit || isExhausted) return accepted.slice(0, limit);
    wanted = Math.min(index.size(), wanted * 4);
  }
};
