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
import { escapeRegex, type CollectionIndexes } from '../../shared/db.js';

const CHECKPOINTS = 'planner_checkpoints';
/** Versions older than the newest few are deleted every this many saves of a thread. */
const PRUNE_EVERY = 16;
const KEEP_VERSIONS = 2;
const PUT_ATTEMPTS = 5;

type StoredWrite = {
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
type CheckpointDoc = {
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
type WritesDoc = {
  _id: string;
  kind: 'writes';
  thread: string;
  ns: string;
  seq?: number;
  checkpointId: string;
  writes: Record<string, StoredWrite>;
};
type SaverDoc = CheckpointDoc | WritesDoc;

export const checkpointIndexes: CollectionIndexes = {
  collection: CHECKPOINTS,
  indexes: [{ key: { thread: 1, ns: 1, seq: -1 }, name: 'thread_newest' }],
};

const SEQ_WIDTH = 12;
const checkpointDocId = (thread: string, ns: string, seq: number) =>
  `c|${thread}|${ns}|${String(seq).padStart(SEQ_WIDTH, '0')}`;
const writesDocId = (thread: string, ns: string, seq: number) =>
  `w|${thread}|${ns}|${String(seq).padStart(SEQ_WIDTH, '0')}`;

/** What this process last saw of a thread: enough to answer the next load after one `_id` lookup. */
type Head = { seq: number; doc: CheckpointDoc; writes: WritesDoc | null };

const where = (config: RunnableConfig) => ({
  thread: config.configurable?.thread_id as string | undefined,
  ns: (config.configurable?.checkpoint_ns as string | undefined) ?? '',
});

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

export type MongoSaverOptions = {
  /** Threads whose newest checkpoint is kept in memory; default 5,000. */
  maxCachedThreads?: number;
  /** Old-version deletes run in the background; failures are reported here (they only cost disk space). */
  onBackgroundError?: (error: unknown) => void;
};

/**
 * A LangGraph checkpointer on MongoDB that also runs well on FerretDB 1.x: no transactions, no aggregation, no
 * updates on the hot path. A warm load is one `_id` lookup (is there a newer version than the one in memory?), a
 * save is one insert. A thread another process moved on, or one not seen since start-up, is read with one indexed
 * query. Keeps the newest versions of each thread (a conversation resumes from the newest); no time travel. See
 * docs/decisions/0007.
 */
export class MongoSaver extends BaseCheckpointSaver {
  private readonly docs: Collection<SaverDoc>;
  private readonly heads = new Map<string, Head>();
  private readonly maxCached: number;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly background = new Set<Promise<unknown>>();
  /** Loads started ahead of a turn, each used by the next load of its thread. */
  private readonly prefetched = new Map<string, Promise<Head | null>>();
  /** Threads whose running graph must not save (see `withhold`). */
  private readonly withheld = new Set<string>();

  constructor(db: Db, options: MongoSaverOptions = {}) {
    super();
    this.docs = db.collection<SaverDoc>(CHECKPOINTS);
    this.maxCached = options.maxCachedThreads ?? 5_000;
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  /** Resolves when background deletes of old versions have finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private remember(key: string, head: Head): void {
    this.heads.delete(key); // re-insert: most recently used last
    this.heads.set(key, head);
    while (this.heads.size > this.maxCached) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** The newest version as stored, read with the `(thread, ns, seq)` index. */
  private async newestStored(thread: string, ns: string): Promise<Head | null> {
    const doc = (await this.docs.findOne(
      { thread, ns, kind: 'checkpoint' },
      { sort: { seq: -1 } },
    )) as CheckpointDoc | null;
    if (!doc) return null;
    const seq = doc.seq ?? 0;
    const writes = (await this.docs.findOne({ _id: writesDocId(thread, ns, seq) })) as WritesDoc | null;
    return { seq, doc, writes };
  }

  /** The newest version: from memory when nothing newer exists (one `_id` lookup), otherwise from the store. */
  private async head(thread: string, ns: string): Promise<Head | null> {
    const key = `${thread}|${ns}`;
    const cached = this.heads.get(key);
    if (
      cached &&
      !(await this.docs.findOne(
        { _id: checkpointDocId(thread, ns, cached.seq + 1) },
        { projection: { _id: 1 } },
      ))
    ) {
      this.remember(key, cached);
      return cached;
    }
    const stored = await this.newestStored(thread, ns);
    if (stored) this.remember(key, stored);
    else this.heads.delete(key);
    return stored;
  }

  /**
   * Starts loading a thread's newest checkpoint now, for the graph's next load of it: a turn overlaps this lookup
   * with claiming its message. `discard` it when the turn does not run after all.
   */
  prefetch(thread: string, ns = ''): void {
    const loading = this.head(thread, ns);
    loading.catch(() => undefined); // a failed prefetch is read again (and reported) by the load that uses it
    this.prefetched.set(`${thread}|${ns}`, loading);
  }

  discard(thread: string, ns = ''): void {
    this.prefetched.delete(`${thread}|${ns}`);
  }

  /**
   * Saves of the thread are dropped until `allow`: for a graph run that started before it knew whether it may run
   * (its message turned out to be a duplicate), which LangGraph would otherwise save on its way out.
   */
  withhold(thread: string, ns = ''): void {
    this.discard(thread, ns);
    this.withheld.add(`${thread}|${ns}`);
  }

  allow(thread: string, ns = ''): void {
    this.withheld.delete(`${thread}|${ns}`);
  }

  private async writesOf(doc: WritesDoc | null, checkpointId: string): Promise<CheckpointPendingWrite[]> {
    if (!doc || doc.checkpointId !== checkpointId) return [];
    const writes = Object.values(doc.writes).sort((a, b) =>
      compareWritesSortKeys(writesSortKey(a.path, a.taskId, a.idx), writesSortKey(b.path, b.taskId, b.idx)),
    );
    return Promise.all(
      writes.map(async (w): Promise<CheckpointPendingWrite> => [
        w.taskId,
        w.channel,
        await this.serde.loadsTyped(w.type, w.value.buffer),
      ]),
    );
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread, ns } = where(config);
    if (!thread) return undefined;
    const key = `${thread}|${ns}`;
    const prefetched = this.prefetched.get(key);
    this.prefetched.delete(key);
    const early = prefetched
      ? await prefetched.then(
          (head) => ({ head }),
          () => null,
        )
      : null;
    const head = early ? early.head : await this.head(thread, ns);
    const wanted = getCheckpointId(config);
    if (!head || (wanted && wanted !== head.doc.checkpointId)) return undefined;
    const { doc } = head;
    const configurable = { thread_id: thread, checkpoint_ns: ns };
    // Deserialized on every load, so the graph never shares objects with the cache.
    const [checkpoint, metadata, pendingWrites] = await Promise.all([
      this.serde.loadsTyped(doc.type, doc.checkpoint.buffer) as Promise<Checkpoint>,
      this.serde.loadsTyped(doc.metadataType, doc.metadata.buffer) as Promise<CheckpointMetadata>,
      this.writesOf(head.writes, doc.checkpointId),
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
  }

  override async *list(
    config: RunnableConfig,
    options: CheckpointListOptions = {},
  ): AsyncGenerator<CheckpointTuple> {
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
    const key = `${thread}|${ns}`;
    // Checked before anything is awaited: a withheld run's exit save is dropped however late it is stored.
    if (this.withheld.has(key)) return config;
    const parentId = (config.configurable?.checkpoint_id as string | undefined) ?? null;
    const [[type, bytes], [metadataType, metadataBytes]] = await Promise.all([
      this.serde.dumpsTyped(checkpoint),
      this.serde.dumpsTyped(metadata),
    ]);
    let known = this.heads.get(key) ?? null;
    if (!known || known.doc.checkpointId !== parentId) known = await this.newestStored(thread, ns);
    for (let attempt = 1; ; attempt++) {
      const seq = (known?.seq ?? 0) + 1;
      const doc: CheckpointDoc = {
        _id: checkpointDocId(thread, ns, seq),
        kind: 'checkpoint',
        thread,
        ns,
        seq,
        checkpointId: checkpoint.id,
        parentId,
        type,
        checkpoint: new Binary(bytes),
        metadataType,
        metadata: new Binary(metadataBytes),
      };
      try {
        await this.docs.insertOne(doc);
        this.remember(key, { seq, doc, writes: null });
        if (seq % PRUNE_EVERY === 0) this.prune(thread, ns, seq);
        break;
      } catch (error) {
        // Another process saved this thread first: the newest save wins, as with a single document per thread.
        if (!isDuplicateKey(error) || attempt >= PUT_ATTEMPTS) throw error;
        known = await this.newestStored(thread, ns);
      }
    }
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath = '',
  ): Promise<void> {
    const { thread, ns } = where(config);
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (!thread || !checkpointId)
      throw new Error('checkpointer: thread_id and checkpoint_id are required for writes');
    const key = `${thread}|${ns}`;
    if (this.withheld.has(key)) return;
    const cached = this.heads.get(key);
    let seq = cached?.doc.checkpointId === checkpointId ? cached.seq : undefined;
    if (seq === undefined) {
      const owner = (await this.docs.findOne({
        thread,
        ns,
        kind: 'checkpoint',
        checkpointId,
      })) as CheckpointDoc | null;
      if (!owner) throw new Error('checkpointer: writes for a checkpoint that is not stored');
      seq = owner.seq ?? 0;
    }
    const stored: Record<string, StoredWrite> = {};
    await Promise.all(
      writes.map(async ([channel, value], index) => {
        const idx = WRITES_IDX_MAP[channel] ?? index;
        const [type, bytes] = await this.serde.dumpsTyped(value);
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
    const _id = writesDocId(thread, ns, seq);
    const set = Object.fromEntries(
      Object.entries(stored).map(([field, value]) => [`writes.${field}`, value]),
    );
    await this.docs.updateOne(
      { _id },
      { $set: set, $setOnInsert: { kind: 'writes', thread, ns, seq, checkpointId } } as never,
      { upsert: true },
    );
    if (cached?.doc.checkpointId === checkpointId) {
      const writesDoc = (await this.docs.findOne({ _id })) as WritesDoc | null;
      if (this.heads.get(key) === cached) this.remember(key, { ...cached, writes: writesDoc });
    }
  }

  /** Deletes versions older than the newest few, by `_id`, in the background. */
  private prune(thread: string, ns: string, newest: number): void {
    const ids: string[] = [];
    for (let seq = Math.max(0, newest - PRUNE_EVERY - KEEP_VERSIONS); seq <= newest - KEEP_VERSIONS; seq++) {
      ids.push(checkpointDocId(thread, ns, seq), writesDocId(thread, ns, seq));
    }
    const work = this.docs.deleteMany({ _id: { $in: ids } }).catch(this.onBackgroundError);
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  override async deleteThread(threadId: string): Promise<void> {
    await this.docs.deleteMany({ thread: threadId });
    for (const key of [...this.heads.keys()]) if (key.startsWith(`${threadId}|`)) this.heads.delete(key);
  }

  /** Deletes every thread whose id starts with `prefix` (a person's: thread keys begin with their id). */
  async deleteThreadsStartingWith(prefix: string): Promise<void> {
    await this.docs.deleteMany({ thread: { $regex: `^${escapeRegex(prefix)}` } });
    for (const key of [...this.heads.keys()]) if (key.startsWith(prefix)) this.heads.delete(key);
    for (const key of [...this.prefetched.keys()]) if (key.startsWith(prefix)) this.prefetched.delete(key);
  }
}
