import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  getCheckpointId,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import type { Collection, Db } from 'mongodb';
import { escapeRegex } from '../../shared/index.js';
import { checkpointCollection, where, type Head, type SaverDoc, type WritesDoc } from './checkpoint-docs.js';
import {
  deleteOldVersions,
  hasVersionAfter,
  isPruneDue,
  newestStored,
  seqOfCheckpoint,
  storeWrites,
} from './checkpoint-queries.js';
import { checkpointDocOf, serializeCheckpoint, serializeWrites, tupleOf } from './checkpoint-serde.js';
import { createHeadCache, type HeadCache } from './head-cache.js';

export { checkpointIndexes } from './checkpoint-docs.js';

const PUT_ATTEMPTS = 5;

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
 * docs/decisions/0007. The documents, queries and serialisation live beside it (checkpoint-*.ts).
 */
export class MongoSaver extends BaseCheckpointSaver {
  private readonly docs: Collection<SaverDoc>;
  private readonly heads: HeadCache;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly background = new Set<Promise<unknown>>();
  /** Loads started ahead of a turn, each used by the next load of its thread. */
  private readonly prefetched = new Map<string, Promise<Head | null>>();
  /** Threads whose running graph must not save (see `withhold`). */
  private readonly withheld = new Set<string>();

  constructor(db: Db, options: MongoSaverOptions = {}) {
    super();
    this.docs = checkpointCollection(db);
    this.heads = createHeadCache(options.maxCachedThreads ?? 5_000);
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  /** Resolves when background deletes of old versions have finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** The newest version: from memory when nothing newer exists (one `_id` lookup), otherwise from the store. */
  private async head(thread: string, ns: string): Promise<Head | null> {
    const key = `${thread}|${ns}`;
    const cached = this.heads.get(key);
    if (cached && !(await hasVersionAfter(this.docs, thread, ns, cached.seq))) {
      this.heads.remember(key, cached);
      return cached;
    }
    const stored = await newestStored(this.docs, thread, ns);
    if (stored) this.heads.remember(key, stored);
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
    return tupleOf(this.serde, head, thread, ns);
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
    const saved = await serializeCheckpoint(this.serde, checkpoint, metadata, parentId);
    let known = this.heads.get(key) ?? null;
    if (!known || known.doc.checkpointId !== parentId) known = await newestStored(this.docs, thread, ns);
    for (let attempt = 1; ; attempt++) {
      const seq = (known?.seq ?? 0) + 1;
      const doc = checkpointDocOf(thread, ns, seq, saved);
      try {
        await this.docs.insertOne(doc);
        this.heads.remember(key, { seq, doc, writes: null });
        if (isPruneDue(seq)) this.prune(thread, ns, seq);
        break;
      } catch (error) {
        // Another process saved this thread first: the newest save wins, as with a single document per thread.
        if (!isDuplicateKey(error) || attempt >= PUT_ATTEMPTS) throw error;
        known = await newestStored(this.docs, thread, ns);
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
    const seq =
      cached?.doc.checkpointId === checkpointId
        ? cached.seq
        : await seqOfCheckpoint(this.docs, thread, ns, checkpointId);
    const stored = await serializeWrites(this.serde, writes, taskId, taskPath);
    const _id = await storeWrites(this.docs, { thread, ns, seq, checkpointId }, stored);
    if (cached?.doc.checkpointId === checkpointId) {
      const writesDoc = (await this.docs.findOne({ _id })) as WritesDoc | null;
      if (this.heads.get(key) === cached) this.heads.remember(key, { ...cached, writes: writesDoc });
    }
  }

  /** Deletes versions older than the newest few, by `_id`, in the background. */
  private prune(thread: string, ns: string, newest: number): void {
    const work = deleteOldVersions(this.docs, thread, ns, newest).catch(this.onBackgroundError);
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  override async deleteThread(threadId: string): Promise<void> {
    await this.docs.deleteMany({ thread: threadId });
    this.heads.deleteStartingWith(`${threadId}|`);
  }

  /** Deletes every thread whose id starts with `prefix` (a person's: thread keys begin with their id). */
  async deleteThreadsStartingWith(prefix: string): Promise<void> {
    await this.docs.deleteMany({ thread: { $regex: `^${escapeRegex(prefix)}` } });
    this.heads.deleteStartingWith(prefix);
    for (const key of [...this.prefetched.keys()]) if (key.startsWith(prefix)) this.prefetched.delete(key);
  }
}
