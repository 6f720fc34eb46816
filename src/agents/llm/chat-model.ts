import { AsyncCaller } from '@langchain/core/utils/async_caller';
import { ChatOpenAI } from '@langchain/openai';
import { Agent } from 'undici';
import type { LlmConfig } from '../../config.js';
import { tappingFetch } from './usage-tap.js';

/** Exposes LangChain's own retry policy (protected there), so ours can add to it rather than re-implement it. */
class LangChainRetryPolicy extends AsyncCaller {
  get policy() {
    return this.onFailedAttempt;
  }
}

/** Backoff with jitter, Retry-After honoured up to a minute, no retry of other 4xx or of spent quota. */
const defaultFailedAttempt = new LangChainRetryPolicy({}).policy;

/**
 * Decides whether a failed attempt is retried. On top of LangChain's policy: a timeout is not retried (the person
 * is waiting; basic mode answers now), and neither is a body that is not JSON (the server answered, badly).
 */
const onFailedAttempt = (error: unknown): void => {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError' || name === 'SyntaxError') throw error;
  // A tool call the server could not parse is the model's output, not a passing fault: asking the same again (with
  // greedy decoding, the same output) only costs a generation. The planner retries it its own way.
  if (/does not match the expected .*format/i.test(error instanceof Error ? error.message : '')) throw error;
  defaultFailedAttempt?.(error);
};

/** Room the transport's own limits leave after LLM_TIMEOUT_MS, so our deadline is always the one that fires. */
const TRANSPORT_SLACK_MS = 5_000;

/**
 * A fetch whose connection limits follow LLM_TIMEOUT_MS. Node's fetch gives up on a response whose headers (or next
 * body bytes) take 300 s, whatever the caller allows: a small local model reading a long prompt needs longer.
 */
export const llmFetch = (timeoutMs: number): typeof tappingFetch => {
  const limitMs = timeoutMs + TRANSPORT_SLACK_MS;
  const dispatcher = new Agent({ headersTimeout: limitMs, bodyTimeout: limitMs });
  return (input, init) => tappingFetch(input, { ...init, dispatcher } as RequestInit);
};

/**
 * The most one answer may say. Replies are a few sentences and a chain's JSON a few hundred tokens; a small model
 * at temperature 0 can fall into repeating itself, and without a cap that ran until LLM_TIMEOUT_MS (3 minutes in the
 * local eval, reading a task's fields over and over) instead of ending as a long answer.
 */
const MAX_ANSWER_TOKENS = 500;

/** A ChatOpenAI for any OpenAI-compatible server: the base URL decides which (OpenAI, Ollama, vLLM, LM Studio...). */
export const createChatModel = (config: LlmConfig, model: string): ChatOpenAI =>
  new ChatOpenAI({
    model,
    // Local servers need no key, but the client insists on one; the placeholder is harmless to them.
    apiKey: config.apiKey ?? 'not-needed',
    configuration: {
      ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      fetch: llmFetch(config.timeoutMs),
    },
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    onFailedAttempt,
    streamUsage: true,
    maxTokens: MAX_ANSWER_TOKENS,
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
  });
