import { AsyncLocalStorage } from 'node:async_hooks';
import type { TokenUsage } from '../usage/pricing.js';

const taps = new AsyncLocalStorage<TokenUsage>();

/**
 * Runs a model call with a tap that sees the token usage of every JSON response it receives. The client throws away
 * a response whose content fails to parse, usage and all; the tap keeps those tokens countable.
 */
export const withUsageTap = async <T>(
  call: () => Promise<T>,
): Promise<{ tap: TokenUsage; result: Promise<T> }> => {
  const tap: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  return { tap, result: taps.run(tap, call) };
};

/** A fetch for the OpenAI client that reports `usage` of JSON responses to the current tap; streams pass untouched. */
export const tappingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await fetch(input, init);
  const tap = taps.getStore();
  if (!tap || !response.ok || !(response.headers.get('content-type') ?? '').includes('application/json'))
    return response;
  try {
    const body = JSON.parse(await response.clone().text()) as {
      usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
    };
    if (typeof body.usage?.prompt_tokens === 'number') tap.inputTokens += body.usage.prompt_tokens;
    if (typeof body.usage?.completion_tokens === 'number') tap.outputTokens += body.usage.completion_tokens;
  } catch {
    // Not JSON after all: the client will say so; there is no usage to count.
  }
  return response;
};
