import type { AuditLog } from '../domain/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { MemoryRepo } from './memory-repo.js';
import type { MemoryItem, RememberInput, Turn, WorkingMemory } from './memory-schemas.js';
import type { MoodReader } from './mood-reader.js';
import type { SemanticIndex } from './semantic-index.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Lifetimes and sizes. Each per-user cap drops the least valuable memories first (see memory-value.ts). */
export type MemoryBudgets = {
  shortTermTtlMs: number;
  workingTtlMs: number;
  /** How long a corrected (superseded) version is kept as history before the sweep removes it. */
  supersededRetentionMs: number;
  /** How long a removal marker stays so that other processes' indexes learn about it. */
  tombstoneRetentionMs: number;
  maxLongTermPerUser: number;
  maxWorkingPerUser: number;
  maxTurnsPerThread: number;
  context: {
    maxChars: number;
    maxTurns: number;
    maxFacts: number;
    /** Facts less similar to the query than this are left out of a context (not out of an explicit recall). */
    minFactScore: number;
    maxMoodEntries: number;
    moodWindowMs: number;
  };
};

export const defaultMemoryBudgets: MemoryBudgets = {
  shortTermTtlMs: HOUR_MS,
  workingTtlMs: DAY_MS,
  supersededRetentionMs: 30 * DAY_MS,
  tombstoneRetentionMs: 7 * DAY_MS,
  maxLongTermPerUser: 5_000,
  maxWorkingPerUser: 200,
  maxTurnsPerThread: 100,
  context: {
    maxChars: 2_000,
    maxTurns: 8,
    maxFacts: 6,
    minFactScore: 0.1,
    maxMoodEntries: 3,
    moodWindowMs: 3 * DAY_MS,
  },
};

/** What a consolidation pass sees: the recent conversation and what is already known. */
export type ConsolidationInput = {
  userId: string;
  turns: Turn[];
  working: WorkingMemory;
  facts: MemoryItem[];
};

/**
 * Proposes durable memories from short-lived ones (e.g. an LLM chain that notices "a walk helped" in today's
 * turns before they expire). The memory service stores what it proposes, deduplicated.
 */
export type Consolidator = (input: ConsolidationInput) => Promise<RememberInput[]>;

export type MemoryDeps = {
  repo: MemoryRepo;
  semantic: SemanticIndex;
  moods: MoodReader;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  budgets: MemoryBudgets;
  consolidator: Consolidator | undefined;
  /** Records remembering and forgetting (never the memory text itself). */
  audit: Pick<AuditLog, 'record'> | undefined;
};
