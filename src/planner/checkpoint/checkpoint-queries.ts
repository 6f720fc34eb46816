import type { Collection } from 'mongodb';
import {
  checkpointDocId,
  writesDocId,
  type CheckpointDoc,
  type Head,
  type SaverDoc,
  type StoredWrite,
  type WritesDoc,
} from './checkpoint-docs.js';

/** Versions older than the newest few are deleted every this many saves of a thread. */
const PRUNE_EVERY = 16;
const KEEP_VERSIONS = 2;

/** The newest version as stored, read with the `(thread, ns, seq)` index. */
export const newestStored = async (
  docs: Collection<SaverDoc>,
  thread: string,
  ns: string,
): Promise<Head | null> => {
  const doc = (await docs.findOne(
    { thread, ns, kind: 'checkpoint' },
    { sort: { seq: -1 } },
  )) as CheckpointDoc | null;
  if (!doc) return null;
  const seq = doc.seq ?? 0;
  const writes = (await docs.findOne({ _id: writesDocId(thread, ns, seq) })) as WritesDoc | null;
  return { seq, doc, writes };
};

/** Whether a version after `seq` exists: one `_id` lookup. */
export const hasVersionAfter = async (docs: Collection<SaverDoc>, thread: string, ns: string, seq: number) =>
  (await docs.findOne({ _id: checkpointDocId(thread, ns, seq + 1) }, { projection: { _id: 1 } })) !== null;

/** The version number of a stored checkpoint; throws when it is not stored. */
export const seqOfCheckpoint = async (
  docs: Collection<SaverDoc>,
  thread: string,
  ns: string,
  checkpointId: string,
): Promise<number> => {
  const owner = (await docs.findOne({
    thread,
    ns,
    kind: 'checkpoint',
    checkpointId,
  })) as CheckpointDoc | null;
  if (!owner) throw new Error('checkpointer: writes for a checkpoint that is not stored');
  return owner.seq ?? 0;
};

/** Adds pending writes to the version's writes document, creating it on the first. */
export const storeWrites = async (
  docs: Collection<SaverDoc>,
  at: { thread: string; ns: string; seq: number; checkpointId: string },
  stored: Record<string, StoredWrite>,
): Promise<string> => {
  const { thread, ns, seq, checkpointId } = at;
  const _id = writesDocId(thread, ns, seq);
  const set = Object.fromEntries(Object.entries(stored).map(([field, value]) => [`writes.${field}`, value]));
  await docs.updateOne(
    { _id },
    { $set: set, $setOnInsert: { kind: 'writes', thread, ns, seq, checkpointId } } as never,
    { upsert: true },
  );
  return _id;
};

/** Whether the save numbered `seq` is one after which old versions are deleted. */
export const isPruneDue = (seq: number) => seq % PRUNE_EVERY === 0;

/** Deletes, by `_id`, the versions (and their writes) older than the newest few before `newest`. */
export const deleteOldVersions = (docs: Collection<SaverDoc>, thread: string, ns: string, newest: number) => {
  const ids: string[] = [];
  for (let seq = Math.max(0, newest - PRUNE_EVERY - KEEP_VERSIONS); seq <= newest - KEEP_VERSIONS; seq++) {
    ids.push(checkpointDocId(thread, ns, seq), writesDocId(thread, ns, seq));
  }
  return docs.deleteMany({ _id: { $in: ids } });
};
