export {
  createMemory,
  memoryIndexes,
  type CreateMemoryOptions,
  type MemoryService,
} from './create-memory.js';
export {
  defaultMemoryBudgets,
  type ConsolidationInput,
  type Consolidator,
  type MemoryBudgets,
} from './memory-deps.js';
export { memoryAccountPart } from './account-part.js';
export { renderMemoryContext } from './build-memory-context.js';
export { isUsableVector, normalize, type Embedder } from './embedder.js';
export {
  createOfflineEmbedder,
  OFFLINE_EMBEDDER_DEFAULT_DIMENSIONS,
  OFFLINE_EMBEDDER_MODEL,
  type OfflineEmbedderOptions,
} from './offline-embedder.js';
export { defaultIndexParams, type IndexParams } from './vector-index.js';
export type { SweepResult } from './sweep-memories.js';
export type { ConsolidationResult } from './consolidate-memories.js';
export {
  ForgetInputSchema,
  ForgetResultSchema,
  ListMemoriesInputSchema,
  ListMemoriesResultSchema,
  LongTermKindSchema,
  MemoryContextInputSchema,
  MemoryContextSchema,
  MemoryItemSchema,
  MemoryKindSchema,
  MemoryTierSchema,
  RecallInputSchema,
  RecallResultSchema,
  RecordTurnInputSchema,
  RememberInputSchema,
  RememberResultSchema,
  WorkingKindSchema,
  type ForgetInput,
  type ForgetResult,
  type ListMemoriesInput,
  type ListMemoriesResult,
  type LongTermKind,
  type MemoryActor,
  type MemoryContext,
  type MemoryContextInput,
  type MemoryItem,
  type MemoryKind,
  type MemoryTier,
  type RecallInput,
  type RecallResult,
  type RecordTurnInput,
  type RememberInput,
  type RememberResult,
  type Turn,
  type WorkingMemory,
} from './memory-schemas.js';
