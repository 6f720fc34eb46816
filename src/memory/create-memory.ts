import type { Db } from 'mongodb';
import type { AuditLog } from '../domain/index.js';
import type { Clock, CollectionIndexes, Logger } from '../shared/index.js';
import { buildMemoryContext } from './build-memory-context.js';
import { consolidateMemories, type ConsolidationResult } from './consolidate-memories.js';
import type { Embedder } from './embedder.js';
import { enforceMemoryBudget } from './enforce-memory-budget.js';
import { forgetMemories } from './forget-memories.js';
import { listMemories } from './list-memories.js';
import {
  defaultMemoryBudgets,
  type Consolidator,
  type MemoryBudgets,
  type MemoryDeps,
} from './memory-deps.js';
import { createMemoryRepo, MEMORIES, memoryCollectionIndexes } from './memory-repo.js';
import type {
  ForgetInput,
  ForgetResult,
  ListMemoriesInput,
  ListMemoriesResult,
  MemoryActor,
  MemoryContext,
  MemoryContextInput,
  RecallInput,
  RecallResult,
  RecordTurnInput,
  RememberInput,
  RememberResult,
  Turn,
  WorkingMemory,
} from './memory-schemas.js';
import { createMoodReader } from './mood-reader.js';
import { recallMemories } from './recall-memories.js';
import { rememberMemories } from './remember-memories.js';
import { rememberMemory } from './remember-memory.js';
import { createSemanticIndex } from './semantic-index.js';
import { createSemanticStore, semanticIndexes, VECTORS, type VectorDoc } from './semantic-store.js';
import { clearThread, recentTurns, recordTurn } from './short-term-memory.js';
import { sweepMemories, type SweepResult } from './sweep-memories.js';
import type { IndexParams } from './vector-index.js';
import { getWorkingMemory } from './working-memory.js';

/** Every MongoDB index the memory module needs, ensured at start-up. */
export const memoryIndexes: CollectionIndexes[] = [memoryCollectionIndexes, ...semanticIndexes];

export type CreateMemoryOptions = {
  db: Db;
  embedder: Embedder;
  clock: Clock;
  /** Where per-user HNSW index files are kept; a cache, rebuilt from MongoDB whenever it is missing or stale. */
  indexDirectory: string;
  budgets?: Partial<Omit<MemoryBudgets, 'context'>> & { context?: Partial<MemoryBudgets['context']> };
  logger?: Pick<Logger, 'info' | 'warn'>;
  consolidator?: Consolidator;
  /** Where remembering and forgetting are recorded (the domain's audit log); the memory text is never included. */
  audit?: Pick<AuditLog, 'record'>;
  indexParams?: IndexParams;
  maxLoadedUsers?: number;
  saveDelayMs?: number;
};

/** Short-term, working, long-term and semantic memory. Every call is scoped to one user id from the caller's auth. */
export type MemoryService = {
  remember: (actor: MemoryActor, input: RememberInput) => Promise<RememberResult>;
  /** Many new long-term memories at once (imports, consolidation); at most 1,000. */
  rememberMany: (actor: MemoryActor, inputs: RememberInput[]) => Promise<RememberResult[]>;
  recall: (userId: string, input: RecallInput) => Promise<RecallResult>;
  forget: (actor: MemoryActor, input: ForgetInput) => Promise<ForgetResult>;
  list: (userId: string, input?: ListMemoriesInput) => Promise<ListMemoriesResult>;
  recordTurn: (actor: MemoryActor, input: RecordTurnInput) => Promise<void>;
  recentTurns: (userId: string, threadId: string, limit?: number) => Promise<Turn[]>;
  clearThread: (userId: string, threadId: string) => Promise<number>;
  working: (userId: string) => Promise<WorkingMemory>;
  /** The budgeted bundle for chains and the planner (see build-memory-context.ts). */
  context: (userId: string, input: MemoryContextInput) => Promise<MemoryContext>;
  /** Makes a task findable by meaning (called by the tasks module on create/update). */
  indexTask: (
    userId: string,
    task: { taskId: string; text: string; expiresAt?: Date | null },
  ) => Promise<void>;
  unindexTasks: (userId: string, taskIds: string[]) => Promise<void>;
  /** Removes everything remembered about a person, including their index files (account deletion). */
  forgetUser: (userId: string) => Promise<void>;
  /** Two accounts became one person: `from`'s memories and searchable items become `into`'s (see account merge). */
  moveUser: (from: string, into: string) => Promise<void>;
  enforceBudget: (userId: string) => Promise<string[]>;
  /** Maintenance hook: deletes expired memories and old removal markers. */
  sweep: () => Promise<SweepResult>;
  /** Maintenance hook: turns recent short-lived memories into long-term ones through the configured consolidator. */
  consolidate: (userId: string) => Promise<ConsolidationResult>;
  rebuildIndex: (userId: string) => Promise<void>;
  /** Writes changed index files now; `close` does too. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
};

const silent = { info: () => undefined, warn: () => undefined };

/** Builds the memory service over MongoDB and an embedder. Connects nothing and starts no timers by itself. */
export const createMemory = (options: CreateMemoryOptions): MemoryService => {
  const { db, embedder, clock } = options;
  const logger = options.logger ?? silent;
  const budgets: MemoryBudgets = {
    ...defaultMemoryBudgets,
    ...options.budgets,
    context: { ...defaultMemoryBudgets.context, ...options.budgets?.context },
  };
  const semantic = createSemanticIndex({
    store: createSemanticStore(db),
    embedder,
    clock,
    logger,
    directory: options.indexDirectory,
    ...(options.indexParams ? { params: options.indexParams } : {}),
    ...(options.maxLoadedUsers ? { maxLoadedUsers: options.maxLoadedUsers } : {}),
    ...(options.saveDelayMs !== undefined ? { saveDelayMs: options.saveDelayMs } : {}),
    tombstoneRetentionMs: budgets.tombstoneRetentionMs,
  });
  const repo = createMemoryRepo(db);
  const deps: MemoryDeps = {
    repo,
    semantic,
    moods: createMoodReader(db),
    clock,
    logger,
    budgets,
    consolidator: options.consolidator,
    audit: options.audit,
  };

  return {
    remember: (actor, input) => rememberMemory(deps, actor, input),
    rememberMany: (actor, inputs) => rememberMemories(deps, actor, inputs),
    recall: (userId, input) => recallMemories(deps, userId, input),
    forget: (actor, input) => forgetMemories(deps, actor, input),
    list: (userId, input) => listMemories(deps, userId, input),
    recordTurn: (actor, input) => recordTurn(deps, actor, input),
    recentTurns: (userId, threadId, limit = budgets.context.maxTurns) =>
      recentTurns(deps, userId, threadId, limit),
    clearThread: (userId, threadId) => clearThread(deps, userId, threadId),
    working: (userId) => getWorkingMemory(deps, userId),
    context: (userId, input) => buildMemoryContext(deps, userId, input),
    indexTask: (userId, { taskId, text, expiresAt = null }) =>
      semantic.put(userId, [{ source: 'task', sourceId: taskId, text: text.slice(0, 2_000), expiresAt }]),
    unindexTasks: (userId, taskIds) => semantic.remove(userId, 'task', taskIds),
    forgetUser: async (userId) => {
      await repo.removeUser(userId);
      await semantic.dropUser(userId);
    },
    moveUser: async (from, into) => {
      // Vectors first, re-embedded under the new owner (their ids name the owner); a retry re-puts them harmlessly.
      const items = await db.collection<VectorDoc>(VECTORS).find({ userId: from, deleted: false }).toArray();
      if (items.length > 0)
        await semantic.put(
          into,
          items.map((d) => ({
            source: d.source,
            sourceId: d.sourceId,
            text: d.text,
            expiresAt: d.expiresAt,
            facet: d.facet,
          })),
        );
      await db.collection(MEMORIES).updateMany({ userId: from }, { $set: { userId: into } });
      await repo.removeUser(from);
      await semantic.dropUser(from);
    },
    enforceBudget: async (userId) => [
      ...(await enforceMemoryBudget(deps, userId, 'long_term')),
      ...(await enforceMemoryBudget(deps, userId, 'working')),
    ],
    sweep: () => sweepMemories(deps),
    consolidate: (userId) => consolidateMemories(deps, userId),
    rebuildIndex: (userId) => semantic.rebuild(userId),
    flush: () => semantic.flush(),
    close: () => semantic.close(),
  };
};
