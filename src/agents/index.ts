/** The LLM layer: an OpenAI-compatible provider, usage accounting, and chains with a deterministic basic mode. */
export { createAgents, type Agents, type AgentsDeps } from './service/agents.js';
export {
  AnalyzeInputSchema,
  BreakDownInputSchema,
  MotivateInputSchema,
  PlanDayInputSchema,
  ProofResultSchema,
  SavedStepsSchema,
  SaveStepsInputSchema,
  StepToSaveSchema,
  ValidateProofInputSchema,
  type AnalyzeInput,
  type BreakDownInput,
  type MotivateInput,
  type PlanDayInput,
  type ProofResult,
  type SavedSteps,
  type SaveStepsInput,
  type ValidateProofInput,
} from './service/schemas.js';
export { PROOF_TIERS, proofPointsFor } from './service/proof-points.js';
export {
  createLlmProvider,
  type ContentPart,
  type LlmProvider,
  type LlmResult,
  type StructuredMode,
  type StructuredRequest,
} from './llm/provider.js';
export type { FallbackReason } from './llm/failures.js';
export { extractJson } from './llm/json-text.js';
export {
  createUsageRepo,
  usageIndexes,
  UsageSummarySchema,
  type UsageRecord,
  type UsageRepo,
  type UsageSummary,
} from './usage/usage-repo.js';
export { costFor, priceFor } from './usage/pricing.js';
export type { LlmCall, LlmCounters, LlmReading } from './usage/llm-counters.js';
export { ChainMetaSchema, basicModeNotice, type ChainMeta } from './chains/chain-meta.js';
export type { MemoryContext, MemorySource } from './chains/memory-context.js';
export { BreakdownResultSchema, GranularitySchema, type BreakdownResult } from './chains/breakdown/schema.js';
export { AnalysisResultSchema, type AnalysisResult } from './chains/analysis/schema.js';
export { MotivationResultSchema, type MotivationResult } from './chains/motivation/schema.js';
export { EvidenceSchema, type Evidence, type Verdict } from './chains/proof/schema.js';
export { DayPlanResultSchema, type DayPlanResult } from './chains/plan-day/schema.js';
export { understand, type UnderstandOptions } from './chains/understanding/understand.js';
export { IntentSchema, type Intent } from './chains/understanding/intents.js';
export {
  calendarRequestIn,
  tokenRequestIn,
  type CalendarRequest,
  type TokenRequest,
} from './chains/understanding/account-requests.js';
export { UnderstandingSchema, type Understanding } from './chains/understanding/schema.js';
export { reminderOffsetsFrom, reminderTimeFrom, type TaskDraft } from './chains/understanding/task-drafts.js';
export { clockOffset, reminderClockFrom, type ReminderClock } from './chains/understanding/reminder-clock.js';
export { EMAIL_CODE_PATTERN, EMAIL_PATTERN, isEmailCodeMessage } from './chains/understanding/email-rules.js';

import { usageIndexes } from './usage/usage-repo.js';
import type { CollectionIndexes } from '../shared/index.js';

/** Every index the agents layer needs, ensured at start-up. */
export const agentIndexes: CollectionIndexes[] = [usageIndexes];
export { createEmbedder } from './embeddings/index.js';
