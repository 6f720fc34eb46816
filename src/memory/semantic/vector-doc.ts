import type { Binary } from 'mongodb';

/** What a vector stands for: a memory, or a task (indexed by the tasks module through the memory service). */
export type VectorSource = 'memory' | 'task';

/** The source of truth for semantic search: every on-disk index is rebuilt from these documents. */
export type VectorDoc = {
  _id: string;
  userId: string;
  source: VectorSource;
  sourceId: string;
  text: string;
  /** A tag searches can filter on inside the index: a memory's kind. */
  facet: string;
  vector: Binary | null;
  model: string | null;
  expiresAt: Date | null;
  /** A tombstone: kept for a while so other processes' indexes learn about the removal. */
  deleted: boolean;
  /** The owner's change number of this document's last change (see `writeNumbered`). */
  seq: number;
  updatedAt: Date;
};

/** `memory:mem_x` — the key an index knows an item by. */
export const itemKey = (source: VectorSource, sourceId: string) => `${source}:${sourceId}`;

export const parseItemKey = (key: string): { source: VectorSource; sourceId: string } | null => {
  const at = key.indexOf(':');
  const source = key.slice(0, at);
  return source === 'memory' || source === 'task' ? { source, sourceId: key.slice(at + 1) } : null;
};

// The owner is part of the document id, so no write can ever land on another person's item.
export const docId = (userId: string, key: string) => `${userId}|${key}`;
