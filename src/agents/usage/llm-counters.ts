import type { LlmErrorKind } from '../llm/failures.js';

// LLM calls, errors, tokens and estimated cost for /metrics: what the provider records after every call. The
// counter itself lives with the other operator counters in Redis (jobs/llm-counters.ts): chains run in app and
// worker processes alike, and any app process serves the sum. Recording never fails the call it describes.

export type LlmCall = {
  purpose: string;
  model: string;
  /** `ok`, or why it failed (llm_usage's outcome: timeout, rate_limited, rejected, unavailable, invalid_output). */
  outcome: string;
  errorKind: LlmErrorKind | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

export type LlmReading = {
  /** `purpose:outcome` → calls. */
  calls: Record<string, number>;
  /** `purpose:kind` → failed calls. */
  errors: Record<string, number>;
  /** `purpose:prompt|completion` → tokens. */
  tokens: Record<string, number>;
  /** model → estimated USD. */
  costUsd: Record<string, number>;
};

export type LlmCounters = {
  record: (call: LlmCall) => Promise<void>;
  read: () => Promise<LlmReading>;
};
