import type { z } from 'zod';
import type { Actor, Domain, NotificationScheduler } from '../domain/index.js';
import type { Agents } from '../agents/index.js';
import type { Logger } from '../shared/index.js';
import type { MemoryService } from '../memory/index.js';

/**
 * What every tool, resource and prompt runs with: the acting person (from authentication only), the domain and the
 * services every edge builds (MCP over HTTP, stdio, the planner's in-process gateway).
 */
export type ToolContext = {
  /** Always `{ userId, via: 'mcp' }` of the authenticated caller; no tool input can change it. */
  actor: Actor;
  domain: Domain;
  logger: Logger;
  /** The LLM chains, with their basic mode when no model is configured. */
  agents: Agents;
  /** The person's memory (remember, recall, forget). */
  memory: MemoryService;
  /** Timed reminders and check-backs (the jobs layer). */
  scheduler: NotificationScheduler;
};

/**
 * The four MCP behaviour hints, all required so that each tool states them deliberately.
 * Hosts use them to auto-approve safe calls and to ask before risky ones.
 */
export type ToolAnnotations = {
  /** Changes nothing. */
  readOnlyHint: boolean;
  /** Not purely additive: may delete, overwrite or spend something, so the previous state is gone. */
  destructiveHint: boolean;
  /** Calling it twice with the same input leaves the same state as calling it once. */
  idempotentHint: boolean;
  /** Reaches beyond FocusForge's own data (other services, the internet). */
  openWorldHint: boolean;
};

/** What a result looks like to a model when plain JSON would be wasteful: text, and links to resources. */
export type ToolPresentation = { text: string; links?: { uri: string; name: string }[] };

/**
 * A question the server asks the person through their MCP client (elicitation) before the tool runs: a yes before
 * deleting, one-tap pickers for what is missing. Asked only when the client declared it can show one; otherwise the
 * tool runs as called, and its description's "confirm first" wording keeps the model asking in conversation.
 */
export type ToolElicitation<Input> = {
  /** The question for this call, or null to ask nothing (e.g. mood and energy already given). */
  question(ctx: ToolContext, input: Input): Promise<string | null>;
  /** The form: a flat object of strings, numbers, booleans or single-select enums, as elicitation allows. */
  form: z.ZodObject;
  /** The form as sent, when zod cannot say it (titled one-of choices); `form` still checks the answer. */
  wireForm?: Record<string, unknown>;
  /** The input to run with, given the answer (undefined: declined or dismissed); null: do nothing. */
  apply(input: Input, answer: Record<string, unknown> | undefined): Input | null;
};

// Schemas are objects at the root: MCP requires it for inputs, and object outputs travel unchanged in both eras.
type ObjectSchema = z.ZodObject;

/** One tool of the registry; served over MCP and called by the planner through the same server. */
export type ToolDefinition<
  In extends ObjectSchema = ObjectSchema,
  Out extends ObjectSchema = ObjectSchema,
> = {
  /** snake_case, verb first, at most 64 characters of [a-z0-9_]. */
  name: string;
  title: string;
  /** Written for a model: when to use it, what it needs, what it returns. */
  description: string;
  inputSchema: In;
  outputSchema: Out;
  annotations: ToolAnnotations;
  /** Returns the structured result; it is parsed through `outputSchema`, so extra fields never leave the server. */
  run(ctx: ToolContext, input: z.output<In>): Promise<z.input<Out>>;
  /** Asks the person first when their client can show a form (see ToolElicitation). */
  elicit?: ToolElicitation<z.output<In>>;
  /** The text part of the result (default: the structured result as JSON), e.g. one line per task of a list. */
  present?(output: z.output<Out>): ToolPresentation;
};

/** Declares a tool with its types inferred from its schemas. */
export const defineTool = <In extends ObjectSchema, Out extends ObjectSchema>(
  tool: ToolDefinition<In, Out>,
): ToolDefinition<In, Out> => tool;

/** The name rule of the registry: snake_case, verb first, [a-z0-9_], at most 64 characters. */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const MAX_TOOL_NAME_LENGTH = 64;
