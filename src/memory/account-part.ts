import type { Db } from 'mongodb';
import type { AccountPart } from '../domain/index.js';
import type { MemoryService } from './create-memory.js';
import { MEMORIES, type MemoryDoc } from './memory-repo.js';

/**
 * What memory holds of a person: their memories and recent turns (exported as text, never vectors), and the
 * semantic index built from them (vectors in MongoDB, index files, loaded indexes), all removed by `forgetUser`.
 */
export const memoryAccountPart = (
  db: Db,
  memory: Pick<MemoryService, 'forgetUser' | 'moveUser'>,
): AccountPart => {
  const memories = db.collection<MemoryDoc>(MEMORIES);
  return {
    name: 'memories',
    exportOf: async function* (userId) {
      for await (const doc of memories.find({ userId }).sort({ _id: 1 }))
        yield {
          id: doc._id,
          tier: doc.tier,
          kind: doc.kind,
          text: doc.text,
          threadId: doc.threadId,
          role: doc.role,
          importance: doc.importance,
          createdAt: doc.createdAt,
          updatedAt: doc.updatedAt,
          expiresAt: doc.expiresAt,
          supersedes: doc.supersedes,
          supersededBy: doc.supersededBy,
        };
    },
    count: (userId) => memories.countDocuments({ userId }),
    erase: (userId) => memory.forgetUser(userId),
    mergeInto: (from, into) => memory.moveUser(from, into),
  };
};
