import type { LlmPrice } from '../config-values.js';
import { ConfigError } from './config-error.js';
import type { Env } from './env-schema.js';

/** The chains (and the planner) that may each use their own model, e.g. LLM_MODEL_PROOF for a vision model. */
export const LLM_PURPOSES = ['breakdown', 'analysis', 'motivation', 'proof', 'plan_day', 'planner'] as const;
export type LlmPurpose = (typeof LLM_PURPOSES)[number];

/** The embeddings endpoint; without a base URL, memory uses the offline embedder (no network, no download). */
export type EmbeddingsConfig = {
  baseUrl: string | undefined;
  /** A secret: never logged, never in an error message. */
  apiKey: string | undefined;
  /** Required with a base URL, e.g. text-embedding-3-small (OpenAI) or nomic-embed-text (Ollama). */
  model: string | undefined;
  /** Asked of the endpoint when set (text-embedding-3 models can shorten); the offline embedder's size (default 256). */
  dimensions: number | undefined;
  /** Per attempt. */
  timeoutMs: number;
  maxRetries: number;
};

export const embeddingsConfigFrom = (e: Env): EmbeddingsConfig => {
  if (!e.EMBEDDINGS_BASE_URL && e.EMBEDDINGS_API_KEY) {
    throw new ConfigError([
      'EMBEDDINGS_BASE_URL: required when EMBEDDINGS_API_KEY is set (https://api.openai.com/v1 for OpenAI); without both, the offline embedder is used',
    ]);
  }
  if (e.EMBEDDINGS_BASE_URL && !e.EMBEDDINGS_MODEL) {
    throw new ConfigError([
      'EMBEDDINGS_MODEL: required when EMBEDDINGS_BASE_URL is set (e.g. text-embedding-3-small, nomic-embed-text)',
    ]);
  }
  return {
    baseUrl: e.EMBEDDINGS_BASE_URL,
    apiKey: e.EMBEDDINGS_API_KEY,
    model: e.EMBEDDINGS_MODEL,
    dimensions: e.EMBEDDINGS_DIMENSIONS,
    timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
    maxRetries: e.EMBEDDINGS_MAX_RETRIES,
  };
};

export type LlmConfig = {
  enabled: boolean;
  /** Unset with an API key: OpenAI itself. */
  baseUrl: string | undefined;
  /** A secret: never logged, never in a prompt or error message. */
  apiKey: string | undefined;
  model: string;
  /** Per-chain models; a missing entry uses `model`. */
  models: Partial<Record<LlmPurpose, string>>;
  /** The whole call: request, retries and the streamed answer (transport limits are set to outlast it). */
  timeoutMs: number;
  /** Retries of 429s (after Retry-After), 5xx and connection errors, with exponential backoff. */
  maxRetries: number;
  /** `auto` tries json_schema, then json_object, then prompted JSON, remembering what the server accepts. */
  structuredOutput: 'auto' | 'json_schema' | 'tool_calling' | 'json_object' | 'prompt';
  temperature: number | undefined;
  /** USD per 1,000 tokens; `prices[model]` overrides `defaultPrice`. */
  defaultPrice: LlmPrice;
  prices: Record<string, LlmPrice>;
};

/** The LLM section; LLM_MODEL is required with a custom LLM_BASE_URL, since no default name fits every server. */
export const llmConfigFrom = (e: Env): LlmConfig => {
  const enabled = Boolean(e.LLM_BASE_URL || e.LLM_API_KEY);
  if (enabled && e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError([
      'LLM_MODEL: required when LLM_BASE_URL is set (e.g. llama3.1 for Ollama, gpt-4o-mini for OpenAI)',
    ]);
  }
  const overrides: Record<LlmPurpose, string | undefined> = {
    breakdown: e.LLM_MODEL_BREAKDOWN,
    analysis: e.LLM_MODEL_ANALYSIS,
    motivation: e.LLM_MODEL_MOTIVATION,
    proof: e.LLM_MODEL_PROOF,
    plan_day: e.LLM_MODEL_PLAN_DAY,
    planner: e.LLM_MODEL_PLANNER,
  };
  return {
    enabled,
    baseUrl: e.LLM_BASE_URL,
    apiKey: e.LLM_API_KEY,
    model: e.LLM_MODEL ?? 'gpt-4o-mini',
    models: Object.fromEntries(Object.entries(overrides).filter(([, model]) => model !== undefined)),
    timeoutMs: e.LLM_TIMEOUT_MS,
    maxRetries: e.LLM_MAX_RETRIES,
    structuredOutput: e.LLM_STRUCTURED_OUTPUT,
    temperature: e.LLM_TEMPERATURE,
    defaultPrice: { inputPer1k: e.LLM_PRICE_INPUT_PER_1K, outputPer1k: e.LLM_PRICE_OUTPUT_PER_1K },
    prices: e.LLM_PRICES,
  };
};
