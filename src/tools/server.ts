import { readFileSync } from 'node:fs';
import {
  acceptedContent,
  CLIENT_CAPABILITIES_META_KEY,
  completable,
  inputRequired,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  ResourceTemplate,
  type CallToolResult,
  type ClientCapabilities,
  type ElicitRequestFormParams,
  type GetPromptResult,
  type InputRequiredResult,
  type ReadResourceResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { AppError } from '../shared/index.js';
import { withCachedJsonSchema } from './json-schema-cache.js';
import { prompts, resources, resourceTemplates, tools } from './registry.js';
import { toSafeError, toolError, toolResult } from './results.js';
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
} from './resource-prompt-definitions.js';
import type { ToolContext, ToolDefinition } from './tool.js';

let packageVersion: string | undefined;

// A check mark on a calm tile, inline: a stdio server has no URL a host could fetch an icon from. Tools carry
// none: the same data repeated in every entry of tools/list would cost more than it shows.
const ICON_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">',
  '<rect width="64" height="64" rx="14" fill="#2f6f6a"/>',
  '<path d="M18 33l9 9 19-20" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>',
  '<circle cx="48" cy="16" r="4" fill="#ffd166"/>',
  '</svg>',
].join('');
const SERVER_ICON = {
  src: `data:image/svg+xml;base64,${Buffer.from(ICON_SVG).toString('base64')}`,
  mimeType: 'image/svg+xml',
  sizes: ['any'],
};

/** Name and version the server announces; the version is read from package.json once, on first use. */
export const serverInfo = () => {
  // src/tools/ and dist/tools/ are both two levels below package.json.
  packageVersion ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return { name: 'focusforge', title: 'FocusForge', version: packageVersion, icons: [SERVER_ICON] };
};

const INSTRUCTIONS = [
  'FocusForge is a gentle productivity assistant for people with ADHD: tasks and subtasks, reminders, mood and energy,',
  'points and rewards, focus sessions. Every tool acts for the signed-in person only; never ask for or pass a user id.',
  'Prefer small next steps, celebrate progress, never shame missed tasks. Results are compact: lists show the top',
  'items plus counts; ask for more with filters instead of expecting everything at once.',
].join(' ');

/** Runs one tool call: domain errors become `isError` results with safe text; the output is trimmed to its schema. */
const runTool = async (ctx: ToolContext, tool: ToolDefinition, input: unknown): Promise<CallToolResult> => {
  const started = performance.now();
  let raw: unknown;
  try {
    raw = await tool.run(ctx, input as Record<string, unknown>);
  } catch (error) {
    return toolError(error, ctx.logger, tool.name);
  } finally {
    ctx.logger.debug({ tool: tool.name, ms: Math.round(performance.now() - started) }, 'tool call');
  }
  const output = tool.outputSchema.safeParse(raw);
  if (!output.success) {
    // The use case may have written already, so "try again" could duplicate it: say to look first.
    const bug = new AppError(
      'INTERNAL',
      'Something went wrong on our side while preparing the answer. The change may have been saved; look it up before trying again.',
      { cause: output.error },
    );
    return toolError(bug, ctx.logger, tool.name);
  }
  return toolResult(output.data, tool.present?.(output.data));
};

/** Form elicitation is declared as `elicitation: {}` (the 2025-06 form) or `elicitation: { form: {} }`. */
const canShowForms = (capabilities: ClientCapabilities | undefined): boolean => {
  const elicitation = capabilities?.elicitation;
  if (!elicitation) return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
};

const ANSWER_KEY = 'answer';

/**
 * Runs a tool that may ask the person first. The question goes out as an input-required result (the SDK asks the
 * client and calls again with the answer; for 2025-era clients its shim sends `elicitation/create` itself), and only
 * to clients that declared they can show a form: for everyone else the tool runs as called.
 */
const runWithElicitation = async (
  server: McpServer,
  ctx: ToolContext,
  tool: ToolDefinition,
  input: Record<string, unknown>,
  request: ServerContext,
): Promise<CallToolResult | InputRequiredResult> => {
  const elicit = tool.elicit;
  // 2026-07-28 requests carry the client's capabilities; 2025-era clients declared them at initialize.
  const declared = request.mcpReq._meta?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const capabilities = declared ?? server.server.getClientCapabilities();
  if (!elicit || !canShowForms(capabilities)) return runTool(ctx, tool, input);
  const responses = request.mcpReq.inputResponses;
  if (!responses?.[ANSWER_KEY]) {
    let message: string | null;
    try {
      message = await elicit.question(ctx, input);
    } catch (error) {
      return toolError(error, ctx.logger, tool.name);
    }
    if (message === null) return runTool(ctx, tool, input);
    return inputRequired({
      inputRequests: {
        [ANSWER_KEY]: inputRequired.elicit({
          message,
          requestedSchema: (elicit.wireForm as ElicitRequestFormParams['requestedSchema']) ?? elicit.form,
        }),
      },
    });
  }
  const answer = acceptedContent(responses, ANSWER_KEY);
  const parsed = answer === undefined ? undefined : elicit.form.safeParse(answer);
  if (parsed && !parsed.success) {
    return toolError(
      new AppError('VALIDATION_FAILED', 'That answer did not fit the question.'),
      ctx.logger,
      tool.name,
    );
  }
  const next = elicit.apply(input, parsed?.data);
  if (next === null) {
    return toolError(
      new AppError(
        'DECLINED',
        'The person said no, so nothing changed. Do not ask again unless they bring it up.',
      ),
      ctx.logger,
      tool.name,
    );
  }
  return runTool(ctx, tool, next);
};

/** Resource and prompt failures are protocol errors (the host, not the model, reads them); messages stay safe. */
const toProtocolError = (ctx: ToolContext, error: unknown, uri?: string): ProtocolError => {
  const appError = toSafeError(error);
  if (uri && appError.status === 404) return new ResourceNotFoundError(uri, appError.userMessage);
  if (appError.status < 500) return new ProtocolError(ProtocolErrorCode.InvalidParams, appError.userMessage);
  ctx.logger.error(
    { err: appError.cause ?? appError, code: appError.code, uri },
    'resource or prompt failed',
  );
  return new ProtocolError(ProtocolErrorCode.InternalError, appError.userMessage);
};

const jsonContents = (uri: string, data: unknown): ReadResourceResult => ({
  contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(data) }],
});

const registerResource = (server: McpServer, ctx: ToolContext, resource: ResourceDefinition) => {
  server.registerResource(
    resource.name,
    resource.uri,
    { title: resource.title, description: resource.description, mimeType: 'application/json' },
    async (uri) => {
      try {
        return jsonContents(uri.href, await resource.read(ctx));
      } catch (error) {
        throw toProtocolError(ctx, error, uri.href);
      }
    },
  );
};

const registerTemplate = (server: McpServer, ctx: ToolContext, template: ResourceTemplateDefinition) => {
  const list = template.list;
  server.registerResource(
    template.name,
    new ResourceTemplate(template.uriTemplate, {
      list: list
        ? async () => {
            try {
              return { resources: (await list(ctx)).map((r) => ({ ...r, mimeType: 'application/json' })) };
            } catch (error) {
              throw toProtocolError(ctx, error);
            }
          }
        : undefined,
      // Task ids a client can offer as you type: ids of today's listed tasks that start with what was typed.
      complete: list
        ? {
            taskId: async (value: string) =>
              (await list(ctx).catch(() => []))
                .map((r) => r.uri.slice(r.uri.lastIndexOf('/') + 1))
                .filter((id) => id.startsWith(value))
                .slice(0, 100),
          }
        : undefined,
    }),
    { title: template.title, description: template.description, mimeType: 'application/json' },
    async (uri, variables) => {
      const flat = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
      );
      try {
        return jsonContents(uri.href, await template.read(ctx, flat));
      } catch (error) {
        throw toProtocolError(ctx, error, uri.href);
      }
    },
  );
};

/**
 * The prompt's arguments with its completers bound to this connection's person. `completable` marks the schema
 * object itself, for good, so it marks a copy: the definition's schema is shared by every connection.
 */
const argsWithCompletions = (ctx: ToolContext, prompt: PromptDefinition) => {
  if (!prompt.complete) return prompt.argsSchema;
  const shape = { ...prompt.argsSchema.shape };
  for (const [name, complete] of Object.entries(prompt.complete)) {
    const field = shape[name];
    if (!field || !complete) continue;
    const inner = (field instanceof z.ZodOptional ? field.unwrap() : field) as z.ZodType<string, string>;
    // A failed lookup offers nothing rather than failing the person's typing.
    const marked = completable(inner.clone(), (value: string) => complete(ctx, value).catch(() => []));
    const optional = field instanceof z.ZodOptional ? marked.optional() : marked;
    shape[name] = field.description ? optional.describe(field.description) : optional;
  }
  return z.object(shape);
};

const registerPrompt = (server: McpServer, ctx: ToolContext, prompt: PromptDefinition) => {
  server.registerPrompt(
    prompt.name,
    { title: prompt.title, description: prompt.description, argsSchema: argsWithCompletions(ctx, prompt) },
    async (args): Promise<GetPromptResult> => {
      try {
        return { description: prompt.description, messages: await prompt.build(ctx, args) };
      } catch (error) {
        throw toProtocolError(ctx, error);
      }
    },
  );
};

/**
 * One MCP server for one acting person: every handler closes over `ctx.actor`, which comes from authentication
 * (the bearer token over HTTP, FOCUSFORGE_TOKEN over stdio, the planner's own session in process) and never
 * from a tool argument. Cheap to build, so HTTP builds one per request.
 */
export const createFocusForgeServer = (
  ctx: ToolContext,
  /** readOnly: an OAuth grant without focusforge:write sees only the tools that change nothing. */
  options: { readOnly?: boolean } = {},
): McpServer => {
  // Every list is fixed for the life of a connection (HTTP builds a server per request), so no list_changed
  // notification is ever sent; false, because the SDK would otherwise promise one as soon as a tool is registered.
  const server = new McpServer(serverInfo(), {
    capabilities: {
      tools: { listChanged: false },
      resources: { listChanged: false },
      prompts: { listChanged: false },
    },
    instructions: INSTRUCTIONS,
  });
  for (const tool of tools.filter((t) => !options.readOnly || t.annotations.readOnlyHint === true)) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: withCachedJsonSchema(tool.inputSchema),
        outputSchema: withCachedJsonSchema(tool.outputSchema),
        annotations: { ...tool.annotations },
      },
      (input, request) => runWithElicitation(server, ctx, tool, input as Record<string, unknown>, request),
    );
  }
  for (const resource of resources) registerResource(server, ctx, resource);
  for (const template of resourceTemplates) registerTemplate(server, ctx, template);
  for (const prompt of prompts) registerPrompt(server, ctx, prompt);
  return server;
};
