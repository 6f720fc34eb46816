import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  getCheckpointId,
  writesSortKey,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { Binary, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/db.js';

const CHECKPOINTS = 'planner_checkpoints';

type StoredWrite = { taskId: string; idx: number; channel: string; type: string; value: Binary; path: string };

/**
 * Two documents per thread, both under deterministic `_id`s (FerretDB scans the collection for anything else):
 * the newest checkpoint, and the pending writes of that checkpoint.
 */
type CheckpointDoc = {
  _id: string;
  kind: 'checkpoint';
  thread: string;
  ns: string;
  checkpointId: string;
  parentId: string | null;
  type: string;
  checkpoint: Binary;
  metadataType: string;
  metadata: Binary;
};
type WritesDoc = { _id: string; kind: 'writes'; thread: string; ns: string; checkpointId: string; writes: Record<string, StoredWrite> };
type SaverDoc = CheckpointDoc | WritesDoc;

export const checkpointIndexes: CollectionIndexes = {
  collection: CHECKPOINTS,
  indexes: [{ key: { thread: 1 }, name: 'thread' }],
};

const checkpointDocId = (thread: string, ns: string) => `c|${thread}|${ns}`;
const writesDocId = (thread: string, ns: string) => `w|${thread}|${ns}`;
const bytesOf = (value: Binary): Uint8Array => value.buffer;

const where = (config: RunnableConfig) => ({
  thread: config.configurable?.thread_id as string | undefined,
  ns: (config.configurable?.checkpoint_ns as string | undefined) ?? '',
});

/**
 * A LangGraph checkpointer on MongoDB that also runs on FerretDB 1.x: no transactions, no aggregation, one write
 * per checkpoint and one parallel pair of `_id` reads per load. It keeps the newest checkpoint of each thread (a
 * conversation resumes from there); it does not keep history for time travel. See docs/decisions/0007.
 */
export class MongoSaver extends BaseCheckpointSaver {
  private readonly docs: Collection<SaverDoc>;

  constructor(db: Db) {
    super();
    this.docs = db.collection<SaverDoc>(CHECKPOINTS);
  }

  private async writesOf(doc: WritesDoc | null, checkpointId: string): Promise<CheckpointPendingWrite[]> {
    if (!doc || doc.checkpointId !== checkpointId) return [];
    const writes = Object.values(doc.writes).sort((a, b) =>
      compareWritesSortKeys(writesSortKey(a.path, a.taskId, a.idx), writesSortKey(b.path, b.taskId, b.idx)),
    );
    return Promise.all(
      writes.map(async (w): Promise<CheckpointPendingWrite> => [w.taskId, w.channel, await this.serde.loadsTyped(w.type, bytesOf(w.value))]),
    );
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread, ns } = where(config);
    if (!thread) return undefined;
    const [doc, writes] = (await Promise.all([
      this.docs.findOne({ _id: checkpointDocId(thread, ns) }),
      this.docs.findOne({ _id: writesDocId(thread, ns) }),
    ])) as [CheckpointDoc | null, WritesDoc | null];
    const wanted = getCheckpointId(config);
    if (!doc || (wanted && wanted !== doc.checkpointId)) return undefined;
    const configurable = { thread_id: thread, checkpoint_ns: ns };
    const [checkpoint, metadata, pendingWrites] = await Promise.all([
      this.serde.loadsTyped(doc.type, bytesOf(doc.checkpoint)) as Promise<Checkpoint>,
      this.serde.loadsTyped(doc.metadataType, bytesOf(doc.metadata)) as Promise<CheckpointMetadata>,
      this.writesOf(writes, doc.checkpointId),
    ]);
    return {
      config: { configurable: { ...configurable, checkpoint_id: doc.checkpointId } },
      checkpoint,
      metadata,
      pendingWrites,
      ...(doc.parentId ? { parentConfig: { configurable: { ...configurable, checkpoint_id: doc.parentId } } } : {}),
    };
  }

  override async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const tuple = await this.getTuple(config);
    if (!tuple || (options.limit !== undefined && options.limit <= 0)) return;
    const id = tuple.config.configurable?.checkpoint_id as string;
    const before = options.before?.configurable?.checkpoint_id as string | undefined;
    if (before && id >= before) return;
    const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
    if (options.filter && !Object.entries(options.filter).every(([k, v]) => metadata[k] === v)) return;
    yield tuple;
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    _newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const { thread, ns } = where(config);
    if (!thread) throw new Error('checkpointer: thread_id is required');
    const parentId = (config.configurable?.checkpoint_id as string | undefined) ?? null;
    const [[type, bytes], [metadataType, metadataBytes]] = await Promise.all([
      this.serde.dumpsTyped(checkpoint),
      this.serde.dumpsTyped(metadata),
    ]);
    const fields: Omit<CheckpointDoc, '_id'> = {
      kind: 'checkpoint',
      thread,
      ns,
      checkpointId: checkpoint.id,
      parentId,
      type,
      checkpoint: new Binary(bytes),
      metadataType,
      metadata: new Binary(metadataBytes),
    };
    await this.docs.replaceOne({ _id: checkpointDocId(thread, ns) }, fields as never, { upsert: true });
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ''): Promise<void> {
    const { thread, ns } = where(config);
    const id = config.configurable?.checkpoint_id as string | undefined;
    if (!thread || !id) throw new Error('checkpointer: thread_id and checkpoint_id are required for writes');
    const stored: Record<string, StoredWrite> = {};
    await Promise.all(
      writes.map(async ([channel, value], index) => {
        const idx = WRITES_IDX_MAP[channel] ?? index;
        const [type, bytes] = await this.serde.dumpsTyped(value);
        // Keys are field names: keep them free of dots and dollars.
        stored[`${taskId}_${idx}`.replace(/[.$]/g, '_')] = { taskId, idx, channel, type, value: new Binary(bytes), path: taskPath };
      }),
    );
    const _id = writesDocId(thread, ns);
    const set = Object.fromEntries(Object.entries(stored).map(([key, value]) => [`writes.${key}`, value]));
    const added = await this.docs.updateOne({ _id, checkpointId: id }, { $set: set } as never);
    // Writes belong to one checkpoint: a newer checkpoint's first writes replace an older one's.
    if (added.matchedCount === 0) {
      await this.docs.replaceOne({ _id }, { kind: 'writes', thread, ns, checkpointId: id, writes: stored } as never, {
        upsert: true,
      });
    }
  }

  override async deleteThread(threadId: string): Promise<void> {
    await this.docs.deleteMany({ thread: threadId });
  }
}
