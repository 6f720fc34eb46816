import type { MemoryDeps } from './memory-deps.js';
import { current, toMemoryItem } from './memory-repo.js';
import {
  ListMemoriesInputSchema,
  type ListMemoriesInput,
  type ListMemoriesResult,
} from './memory-schemas.js';

/** The acting person's current memories, most recently changed first, a page at a time. */
export const listMemories = async (
  deps: MemoryDeps,
  userId: string,
  input: ListMemoriesInput = {},
): Promise<ListMemoriesResult> => {
  const { tier, kinds, limit, offset } = ListMemoriesInputSchema.parse(input);
  const filter = current(userId, deps.clock.now(), {
    ...(tier ? { tier } : {}),
    ...(kinds ? { kind: { $in: kinds } } : {}),
  });
  const [docs, total] = await Promise.all([
    deps.repo.find(filter, { skip: offset, limit }),
    deps.repo.count(filter),
  ]);
  return { memories: docs.map(toMemoryItem), total, hasMore: offset + docs.length < total };
};
