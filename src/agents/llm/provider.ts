import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { LlmConfig, LlmPurpose } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { costFor, priceFor, type TokenUsage } from '../usage/pricing.js';
import type { LlmCounters } from '../usage/llm-counters.js';
import type { UsageRepo } from '../usage/usage-repo.js';
import { createChatModel } from './chat-model.js';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js';
import {
  classifyFailure,
  describeFailure,
  errorKindOf,
  isRequestRejected,
  type CallOutcome,
  type FallbackReason,
  type LlmErrorKind,
} from './failures.js';
import { extractJson, textOf } from './json-text.js';
import { withUsageTap } from './usage-tap.js';

export type StructuredMode = 'json_schema' | 'tool_calling' | 'json_object' | 'prompt';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type StructuredRequest<T> = {
  purpose: LlmPurpose;
  /** Whose call this is, for usage accounting. Never sent to the model. */
  userId: string;
  /** Schema (or tool) name: letters, digits, `_` and `-`. */
  name: string;
  description: string;
  /** Validates the model's answer; refinements encode rules JSON Schema cannot (the answer fails them = invalid). */
  schema: z.ZodType<T>;
  system: string;
  user: string | ContentPart[];
};

export type LlmResult<T> =
  | { ok: true; data: T; model: string; usage: TokenUsage; costUsd: number; mode: StructuredMode }
  | { ok: false; reason: FallbackReason; model: string | null };

export type LlmProvider = {
  readonly isEnabled: boolean;
  modelFor: (purpose: LlmPurpose) => string;
  /** A configured chat model (timeouts, retries) for callers that drive it themselves, e.g. the planner; null offline. */
  chatModel: (purpose: LlmPurpose) => ChatOpenAI | null;
  /** The circuit breaker the chains use, for callers of `chatModel`: ask before calling, report how it went. */
  circuit: Pick<CircuitBreaker, 'canCall' | 'recordSuccess' | 'recordFailure' | 'release'>;
  /** Asks for a JSON answer matching `schema`; never throws for endpoint or output problems, it says why instead. */
  generateStructured: <T>(request: StructuredRequest<T>) => Promise<LlmResult<T>>;
  /** Records a call made through `chatModel` (the usage is read from the returned message). */
  recordMessageUsage: (
    userId: string,
    purpose: LlmPurpose,
    message: AIMessage,
    mode?: string,
  ) => Promise<void>;
  /** Records a failed call made through `chatModel` (the planner's), so it is counted like the chains' failures. */
  recordFailure: (userId: string, purpose: LlmPurpose, error: unknown, latencyMs: number) => Promise<void>;
};

export type LlmProviderDeps = {
  config: LlmConfig;
  usage: UsageRepo;
  /** The deployment-wide counters /metrics serves (calls, errors, tokens, cost); absent, nothing is counted. */
  counters?: LlmCounters | undefined;
  logger: Logger;
  clock: Clock;
  breaker?: CircuitBreaker;
};

/** Modes to try, best first. `auto` steps down when a server rejects a response format it does not know. */
const ladderFor = (
  configured: LlmConfig['structuredOutput'],
  learned: StructuredMode | undefined,
): StructuredMode[] => {
  if (configured !== 'auto') return [configured];
  const auto: StructuredMode[] = ['json_schema', 'json_object', 'prompt'];
  return learned ? auto.slice(auto.indexOf(learned)) : auto;
};

/** Keywords some strict structured-output implementations refuse; zod still enforces them on the answer. */
const UNSUPPORTED_KEYWORDS = new Set(['minLength', 'maxLength', '$schema']);

const withoutUnsupported = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withoutUnsupported);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !UNSUPPORTED_KEYWORDS.has(key))
      .map(([key, value]) => [key, withoutUnsupported(value)]),
  );
};

/** JSON Schema for a response format or tool, limited to what strict structured output accepts everywhere. */
export const jsonSchemaOf = (schema: z.ZodType): Record<string, unknown> =>
  withoutUnsupported(z.toJSONSchema(schema, { unrepresentable: 'any' })) as Record<string, unknown>;

const schemaInstruction = (request: StructuredRequest<unknown>, jsonSchema: Record<string, unknown>) =>
  `\n\nReply with one JSON object and nothing else (no prose, no code fences). It must match this JSON Schema ` +
  `(${request.name}: ${request.description}):\n${JSON.stringify(jsonSchema)}`;

/**
 * Settles when the call does or when the deadline passes, whichever is first. The client's retry loop does not
 * watch the signal while it sleeps (e.g. through a long Retry-After), so the deadline is enforced here; a call left
 * behind fails fast on its next request, as the same signal aborts it.
 */
const withinDeadline = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(Object.assign(new Error('The model took too long to answer'), { name: 'TimeoutError' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

const usageOf = (message: AIMessage): TokenUsage => ({
  inputTokens: message.usage_metadata?.input_tokens ?? 0,
  outputTokens: message.usage_metadata?.output_tokens ?? 0,
});

/** The candidate answer in a reply: tool-call arguments, or JSON found in the text. */
const answerOf = (mode: StructuredMode, message: AIMessage): unknown => {
  if (mode === 'tool_calling') return message.tool_calls?.[0]?.args;
  return extractJson(textOf(message.content));
};

/** The LLM layer: one provider per process, models cached per name, every call accounted per person and chain. */
export const createLlmProvider = ({
  config,
  usage,
  counters,
  logger,
  clock,
  breaker = createCircuitBreaker(clock),
}: LlmProviderDeps): LlmProvider => {
  const models = new Map<string, ChatOpenAI>();
  /** The best mode each model's server accepted, so a server without json_schema is not asked again. */
  const learnedModes = new Map<string, StructuredMode>();

  const modelFor = (purpose: LlmPurpose) => config.models[purpose] ?? config.model;
  const clientFor = (model: string): ChatOpenAI => {
    let client = models.get(model);
    if (!client) {
      client = createChatModel(config, model);
      models.set(model, client);
    }
    return client;
  };

  const record = async (
    userId: string,
    purpose: LlmPurpose,
    model: string,
    mode: string,
    outcome: CallOutcome,
    tokens: TokenUsage,
    latencyMs: number,
    errorKind: LlmErrorKind | null = null,
  ) => {
    const costUsd = costFor(priceFor(config, model), tokens);
    await counters?.record({ purpose, model, outcome, errorKind, ...tokens, costUsd });
    try {
      await usage.record({
        userId,
        chain: purpose,
        model,
        mode,
        outcome,
        ...tokens,
        costUsd,
        latencyMs: Math.round(latencyMs),
      });
    } catch (error) {
      // Accounting must not take the answer away from the person; the gap shows in the log.
      logger.error({ err: describeFailure(error), chain: purpose }, 'could not record LLM usage');
    }
    return costUsd;
  };

  /** One call, retries included, never takes longer than LLM_TIMEOUT_MS: the person is waiting, basic mode answers. */
  const deadlineMs = config.timeoutMs;

  const invoke = (
    client: ChatOpenAI,
    mode: StructuredMode,
    request: StructuredRequest<unknown>,
    jsonSchema: Record<string, unknown>,
    signal: AbortSignal,
  ) => {
    const needsInstruction = mode === 'json_object' || mode === 'prompt';
    const messages = [
      new SystemMessage(
        needsInstruction ? request.system + schemaInstruction(request, jsonSchema) : request.system,
      ),
      new HumanMessage({ content: request.user }),
    ];
    switch (mode) {
      case 'json_schema':
        return client.invoke(messages, {
          signal,
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: request.name,
              description: request.description,
              schema: jsonSchema,
              strict: true,
            },
          },
        });
      case 'json_object':
        return client.invoke(messages, { signal, response_format: { type: 'json_object' } });
      case 'tool_calling':
        return client
          .bindTools(
            [
              {
                type: 'function',
                function: { name: request.name, description: request.description, parameters: jsonSchema },
              },
            ],
            {
              tool_choice: { type: 'function', function: { name: request.name } },
            },
          )
          .invoke(messages, { signal });
      case 'prompt':
        return client.invoke(messages, { signal });
    }
  };

  const generateStructured = async <T>(request: StructuredRequest<T>): Promise<LlmResult<T>> => {
    if (!config.enabled) return { ok: false, reason: 'not_configured', model: null };
    const model = modelFor(request.purpose);
    if (!breaker.canCall()) return { ok: false, reason: 'circuit_open', model };
    const client = clientFor(model);
    const jsonSchema = jsonSchemaOf(request.schema);
    const ladder = ladderFor(config.structuredOutput, learnedModes.get(model));
    const hasImage = Array.isArray(request.user) && request.user.some((part) => part.type === 'image_url');

    for (const [step, mode] of ladder.entries()) {
      const started = performance.now();
      const signal = AbortSignal.timeout(deadlineMs);
      const { tap, result } = await withUsageTap(() =>
        invoke(client, mode, request as StructuredRequest<unknown>, jsonSchema, signal),
      );
      let message: AIMessage;
      try {
        message = await withinDeadline(result, signal);
      } catch (error) {
        const outcome = classifyFailure(error);
        // Tokens of an answer the client could not parse were still spent; the tap saw them.
        await record(
          request.userId,
          request.purpose,
          model,
          mode,
          outcome,
          tap,
          performance.now() - started,
          errorKindOf(error),
        );
        const canStepDown = isRequestRejected(error) && step < ladder.length - 1;
        logger.warn(
          {
            chain: request.purpose,
            model,
            mode,
            outcome,
            ...describeFailure(error),
            steppingDown: canStepDown,
          },
          'LLM call failed',
        );
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
      const tokens = usageOf(message);
      const parsed = request.schema.safeParse(answerOf(mode, message));
      const costUsd = await record(
        request.userId,
        request.purpose,
        model,
        mode,
        parsed.success ? 'ok' : 'invalid_output',
        tokens,
        performance.now() - started,
        parsed.success ? null : 'parse',
      );
      if (!parsed.success) {
        // Paths and codes only: the content may quote the person's own words.
        const problems = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
        logger.warn(
          { chain: request.purpose, model, mode, problems },
          'LLM answer did not match its schema; answering in basic mode',
        );
        return { ok: false, reason: 'invalid_output', model };
      }
      return { ok: true, data: parsed.data, model, usage: tokens, costUsd, mode };
    }
    return { ok: false, reason: 'rejected', model };
  };

  return {
    isEnabled: config.enabled,
    modelFor,
    chatModel: (purpose) => (config.enabled ? clientFor(modelFor(purpose)) : null),
    circuit: breaker,
    generateStructured,
    recordMessageUsage: async (userId, purpose, message, mode = 'text') => {
      await record(userId, purpose, modelFor(purpose), mode, 'ok', usageOf(message), 0);
    },
    recordFailure: async (userId, purpose, error, latencyMs) => {
      const none = { inputTokens: 0, outputTokens: 0 };
      const outcome = classifyFailure(error);
      await record(userId, purpose, modelFor(purpose), 'tools', outcome, none, latencyMs, errorKindOf(error));
    },
  };
};
