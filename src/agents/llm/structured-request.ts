import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { LlmConfig, LlmPurpose } from '../../config.js';
import type { TokenUsage } from '../usage/pricing.js';
import type { FallbackReason } from './failures.js';
import { extractJson, textOf } from './json-text.js';

// How a structured request is put to a model in each output mode, and how its answer is read back.

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

/** Modes to try, best first. `auto` steps down when a server rejects a response format it does not know. */
export const ladderFor = (
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

/** Sends the request in one mode: modes without a server-side format carry the schema in the system prompt. */
export const invokeInMode = (
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

/** The candidate answer in a reply: tool-call arguments, or JSON found in the text. */
export const answerOf = (mode: StructuredMode, message: AIMessage): unknown => {
  if (mode === 'tool_calling') return message.tool_calls?.[0]?.args;
  return extractJson(textOf(message.content));
};

/**
 * Settles when the call does or when the deadline passes, whichever is first. The client's retry loop does not
 * watch the signal while it sleeps (e.g. through a long Retry-After), so the deadline is enforced here; a call left
 * behind fails fast on its next request, as the same signal aborts it.
 */
export const withinDeadline = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(Object.assign(new Error('The model took too long to answer'), { name: 'TimeoutError' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
