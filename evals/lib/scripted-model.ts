import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
  type ScriptedReply,
} from '../../test/support/scripted-openai-server.js';

// A stand-in model for `--scripted`: a real OpenAI-compatible HTTP server on 127.0.0.1 that answers every request,
// so each turn runs the app's real ChatOpenAI path (requests, streaming, tool calls, structured output, usage
// records). It understands nothing; its score only shows that the runner works with a model.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minItems?: number;
  minimum?: number;
  minLength?: number;
  format?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
};

/** The smallest value that satisfies a JSON schema's types, required fields and bounds. */
export const sampleOf = (schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown => {
  if (depth > 12) return null;
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? '';
    const target = root.$defs?.[name] ?? root.definitions?.[name];
    return target ? sampleOf(target, root, depth + 1) : null;
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) {
    const choice = options.find((o) => o.type !== 'null') ?? options[0]!;
    return sampleOf(choice, root, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? [])
        out[key] = sampleOf(schema.properties?.[key] ?? {}, root, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        sampleOf(schema.items ?? {}, root, depth + 1),
      );
    case 'string':
      if (schema.format === 'date-time') return new Date().toISOString();
      return 'ok'.padEnd(schema.minLength ?? 2, 'k');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'ok';
  }
};

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((c) => (typeof c === 'object' && c && 'text' in c ? String(c.text) : '')).join(' ')
      : '';

/** One answer per request: schema-shaped JSON for structured output, create_task for "remind me to …", else text. */
export const scriptedReply = (request: ChatRequest): ScriptedReply => {
  const schema = request.response_format?.json_schema?.schema;
  if (schema) return { kind: 'json', body: sampleOf(schema as JsonSchema) };
  if (request.response_format?.type === 'json_object') return { kind: 'json', body: {} };
  const last = request.messages.at(-1);
  const tool = request.tools?.find((t) => /create_task$/.test(t.function.name));
  if (tool && last?.role === 'user') {
    const ask = /^(?:remind me to|add|i need to)\s+(.{1,120})/i.exec(textOf(last.content).trim());
    if (ask?.[1]) return { kind: 'tool_call', name: tool.function.name, args: { title: ask[1] } };
  }
  // Ends in a newline like Ollama's streams do, which once made the web chat show the reply twice.
  return { kind: 'text', content: 'Okay. One small step at a time: what feels doable right now?\n' };
};

export const startScriptedModel = async (): Promise<ScriptedOpenAiServer> => {
  const server = await startScriptedOpenAiServer();
  server.respondWith(scriptedReply);
  return server;
};
