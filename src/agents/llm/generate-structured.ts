import type { AIMessage } from '@langchain/core/messages';
import type { LlmConfig } from '../../config.js';
import type { Logger } from '../../shared/index.js';
import type { TokenUsage } from '../usage/pricing.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { classifyFailure, describeFailure, errorKindOf, isRequestRejected } from './failures.js';
import type { ModelRegistry } from './model-registry.js';
import {
  answerOf,
  invokeInMode,
  jsonSchemaOf,
  ladderFor,
  withinDeadline,
  type LlmResult,
  type StructuredMode,
  type StructuredRequest,
} from './structured-request.js';
import { usageOf, type RecordLlmCall } from './usage-recorder.js';
import { withUsageTap } from './usage-tap.js';

export type GenerateStructuredDeps = {
  config: LlmConfig;
  models: ModelRegistry;
  breaker: CircuitBreaker;
  record: RecordLlmCall;
  logger: Logger;
  /** The best mode each model's server accepted, so a server without json_schema is not asked again. */
  learnedModes: Map<string, StructuredMode>;
};

/** One attempt in one mode: what was asked, and when it started (for its latency). */
type Attempt = {
  request: StructuredRequest<unknown>;
  model: string;
  mode: StructuredMode;
  started: number;
};

/** Accounts and logs a failed attempt; true when the next mode down the ladder should be tried instead. */
const settleFailedAttempt = async (
  deps: GenerateStructuredDeps,
  { request, model, mode, started }: Attempt,
  error: unknown,
  tap: TokenUsage,
  hasNextMode: boolean,
) => {
  const outcome = classifyFailure(error);
  // Tokens of an answer the client could not parse were still spent; the tap saw them.
  await deps.record({
    userId: request.userId,
    purpose: request.purpose,
    model,
    mode,
    outcome,
    tokens: tap,
    latencyMs: performance.now() - started,
    errorKind: errorKindOf(error),
  });
  const canStepDown = isRequestRejected(error) && hasNextMode;
  deps.logger.warn(
    { chain: request.purpose, model, mode, outcome, ...describeFailure(error), steppingDown: canStepDown },
    'LLM call failed',
  );
  return { outcome, canStepDown };
};

/** Checks an answer against the request's schema and accounts the call either way. */
const settleAnswer = async <T>(
  deps: GenerateStructuredDeps,
  attempt: Attempt,
  schema: StructuredRequest<T>['schema'],
  message: AIMessage,
): Promise<LlmResult<T>> => {
  const { request, model, mode, started } = attempt;
  const tokens = usageOf(message);
  const parsed = schema.safeParse(answerOf(mode, message));
  const costUsd = await deps.record({
    userId: request.userId,
    purpose: request.purpose,
    model,
    mode,
    outcome: parsed.success ? 'ok' : 'invalid_output',
    tokens,
    latencyMs: performance.now() - started,
    errorKind: parsed.success ? null : 'parse',
  });
  if (!parsed.success) {
    // Paths and codes only: the content may quote the person's own words.
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    deps.logger.warn(
      { chain: request.purpose, model, mode, problems },
      'LLM answer did not match its schema; answering in basic mode',
    );
    return { ok: false, reason: 'invalid_output', model };
  }
  return { ok: true, data: parsed.data, model, usage: tokens, costUsd, mode };
};

/**
 * Asks for a JSON answer matching the request's schema, stepping down the structured-output modes while the server
 * rejects them. Never throws for endpoint or output problems: the result says why, and the chain answers in basic
 * mode. One call, retries included, never takes longer than LLM_TIMEOUT_MS: the person is waiting.
 */
export const generateStructured = async <T>(
  deps: GenerateStructuredDeps,
  request: StructuredRequest<T>,
): Promise<LlmResult<T>> => {
  const { config, models, breaker, learnedModes } = deps;
  if (!config.enabled) return { ok: false, reason: 'not_configured', model: null };
  const model = models.modelFor(request.purpose);
  if (!breaker.canCall()) return { ok: false, reason: 'circuit_open', model };
  const client = models.clientFor(model);
  const jsonSchema = jsonSchemaOf(request.schema);
  const ladder = ladderFor(config.structuredOutput, learnedModes.get(model));
  const hasImage = Array.isArray(request.user) && request.user.some((part) => part.type === 'image_url');
  const asked = request as StructuredRequest<unknown>;

  for (const [step, mode] of ladder.entries()) {
    const attempt: Attempt = { request: asked, model, mode, started: performance.now() };
    const signal = AbortSignal.timeout(config.timeoutMs);
    const { tap, result } = await withUsageTap(() => invokeInMode(client, mode, asked, jsonSchema, signal));
    let message: AIMessage;
    try {
      message = await withinDeadline(result, signal);
    } catch (error) {
      const hasNextMode = step < ladder.length - 1;
      const { outcome, canStepDown } = await settleFailedAttempt(deps, attempt, error, tap, hasNextMode);
      if (canStepDown) {
        // A vision request may be refused for its image, not its format: do not teach the model's mode from it.
        if (!hasImage) learnedModes.set(model, ladder[step + 1]!);
        continue;
      }
      if (outcome === 'timeout' || outcome === 'unavailable' || outcome === 'rate_limited')
        breaker.recordFailure();
      return { ok: false, reason: outcome, model };
    }
    breaker.recordSuccess();
    return settleAnswer(deps, attempt, request.schema, message);
  }
  return { ok: false, reason: 'rejected', model };
};
