import type { RunnableConfig } from '@langchain/core/runnables';
import type { Binary, Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';

const CHECKPOINTS = 'planner_checkpoints';

export type StoredWrite = {
  taskId: string;
  idx: number;
  channel: string;
  type: string;
  value: Binary;
  path: string;
};

/**
 * Each save of a thread is a new document: `c|<thread>|<ns>|<seq>`, seq counting up from 1. Inserting the next
 * number is both the write and the concurrency check (a duplicate key means another process saved first), and
 * "is there anything newer than what I hold?" is one `_id` lookup. FerretDB serves `_id` lookups and inserts fast
 * and scans for everything else, so the hot path uses nothing else.
 */
export type CheckpointDoc = {
  _id: string;
  kind: 'checkpoint';
  thread: string;
  ns: string;
  /** Absent on documents written before versioning (one per thread); read as 0. */
  seq?: number;
  checkpointId: string;
  parentId: string | null;
  type: string;
  checkpoint: Binary;
  metadataType: string;
  metadata: Binary;
};
/** The pending writes of one checkpoint version (rare: only a turn that failed midway leaves any). */
export type WritesDoc = {
  _id: string;
  kind: 'writes';
  thread: string;
  ns: string;
  seq?: number;
  checkpointId: string;
  writes: Record<string, StoredWrite>;
};
export type SaverDoc = CheckpointDoc | WritesDoc;

/** What this process last saw of a thread: enough to answer the next load after one `_id` lookup. */
export type Head = { seq: number; doc: CheckpointDoc; writes: WritesDoc | null };

export const checkpointIndexes: CollectionIndexes = {
  collection: CHECKPOINTS,
  indexes: [{ key: { thread: 1, ns: 1, seq: -1 }, name: 'thread_newest' }],
};

export const checkpointCollection = (db: Db): Collection<SaverDoc> => db.collection<SaverDoc>(CHECKPOINTS);

const SEQ_WIDTH = 12;
export const checkpointDocId = (thread: string, ns: string, seq: number) =>
  `c|${thread}|${ns}|${String(seq).padStart(SEQ_WIDTH, '0')}`;
export const writesDocId = (thread: string, ns: string, seq: number) =>
  `w|${thread}|${ns}|${String(seq).padStart(SEQ_WIDTH, '0')}`;

/** The thread and namespace a LangGraph config points at. */
export const where = (config: RunnableConfig) => ({
  thread: config.configurable?.thread_id as string | undefined,
  ns: (config.configurable?.checkpoint_ns as string | undefined) ?? '',
});
