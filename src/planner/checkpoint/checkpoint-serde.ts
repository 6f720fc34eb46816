import {
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  writesSortKey,
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
} from '@langchain/langgraph-checkpoint';
import { Binary } from 'mongodb';
import {
  checkpointDocId,
  type CheckpointDoc,
  type Head,
  type StoredWrite,
  type WritesDoc,
} from './checkpoint-docs.js';

/** A checkpoint and its metadata, serialised, ready to become any version's document. */
export type SerializedCheckpoint = {
  checkpointId: string;
  parentId: string | null;
  type: string;
  bytes: Uint8Array;
  metadataType: string;
  metadataBytes: Uint8Array;
};

export const serializeCheckpoint = async (
  serde: SerializerProtocol,
  checkpoint: Checkpoint,
  metadata: CheckpointMetadata,
  parentId: string | null,
): Promise<SerializedCheckpoint> => {
  const [[type, bytes], [metadataType, metadataBytes]] = await Promise.all([
    serde.dumpsTyped(checkpoint),
    serde.dumpsTyped(metadata),
  ]);
  return { checkpointId: checkpoint.id, parentId, type, bytes, metadataType, metadataBytes };
};

/** The document of version `seq` of the thread. */
export const checkpointDocOf = (
  thread: string,
  ns: string,
  seq: number,
  saved: SerializedCheckpoint,
): CheckpointDoc => ({
  _id: checkpointDocId(thread, ns, seq),
  kind: 'checkpoint',
  thread,
  ns,
  seq,
  checkpointId: saved.checkpointId,
  parentId: saved.parentId,
  type: saved.type,
  checkpoint: new Binary(saved.bytes),
  metadataType: saved.metadataType,
  metadata: new Binary(saved.metadataBytes),
});

/** A task's pending writes as fields of a writes document. */
export const serializeWrites = async (
  serde: SerializerProtocol,
  writes: PendingWrite[],
  taskId: string,
  taskPath: string,
): Promise<Record<string, StoredWrite>> => {
  const stored: Record<string, StoredWrite> = {};
  await Promise.all(
    writes.map(async ([channel, value], index) => {
      const idx = WRITES_IDX_MAP[channel] ?? index;
      const [type, bytes] = await serde.dumpsTyped(value);
      // Keys are field names: keep them free of dots and dollars.
      stored[`${taskId}_${idx}`.replace(/[.$]/g, '_')] = {
        taskId,
        idx,
        channel,
        type,
        value: new Binary(bytes),
        path: taskPath,
      };
    }),
  );
  return stored;
};

const pendingWritesOf = async (
  serde: SerializerProtocol,
  doc: WritesDoc | null,
  checkpointId: string,
): Promise<CheckpointPendingWrite[]> => {
  if (!doc || doc.checkpointId !== checkpointId) return [];
  const writes = Object.values(doc.writes).sort((a, b) =>
    compareWritesSortKeys(writesSortKey(a.path, a.taskId, a.idx), writesSortKey(b.path, b.taskId, b.idx)),
  );
  return Promise.all(
    writes.map(async (w): Promise<CheckpointPendingWrite> => [
      w.taskId,
      w.channel,
      await serde.loadsTyped(w.type, w.value.buffer),
    ]),
  );
};

/** The LangGraph tuple of a stored version; deserialised on every load, so the graph never shares the cache's objects. */
export const tupleOf = async (
  serde: SerializerProtocol,
  head: Head,
  thread: string,
  ns: string,
): Promise<CheckpointTuple> => {
  const { doc } = head;
  const configurable = { thread_id: thread, checkpoint_ns: ns };
  const [checkpoint, metadata, pendingWrites] = await Promise.all([
    serde.loadsTyped(doc.type, doc.checkpoint.buffer) as Promise<Checkpoint>,
    serde.loadsTyped(doc.metadataType, doc.metadata.buffer) as Promise<CheckpointMetadata>,
    pendingWritesOf(serde, head.writes, doc.checkpointId),
  ]);
  return {
    config: { configurable: { ...configurable, checkpoint_id: doc.checkpointId } },
    checkpoint,
    metadata,
    pendingWrites,
    ...(doc.parentId
      ? { parentConfig: { configurable: { ...configurable, checkpoint_id: doc.parentId } } }
      : {}),
  };
};
