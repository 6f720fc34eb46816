import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Token counts the server reports; defaults are derived from the request and reply sizes. */
export type ScriptedUsage = { prompt_tokens: number; completion_tokens: number };

type Common = {
  /** Waits this long before answering (or, for a stream, before the first byte). */
  latencyMs?: number;
  usage?: ScriptedUsage;
};

/** One scripted answer to one chat completion request. */
export type ScriptedReply = Common &
  (
    | { kind: 'json'; body: unknown }
    | { kind: 'text'; content: string }
    | { kind: 'tool_call'; name: string; args: unknown; id?: string }
    | { kind: 'error'; status: number; message?: string; code?: string; retryAfter?: string }
    /** HTTP 200 with a body that is not JSON at all. */
    | { kind: 'malformed' }
    /** A stream that starts, then carries an error event instead of a chunk (llama-server does, mid-generation). */
    | { kind: 'stream_error'; message: string }
    /** Never answers: sends a stream's headers (or nothing at all), then waits until the client goes away. */
    | { kind: 'stall'; after: 'headers' | 'nothing' }
  );

export type ChatRequest = {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[] }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: {
    type: string;
    json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean };
  };
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  [key: string]: unknown;
};

export type RecordedRequest = {
  path: string;
  authorization: string | undefined;
  body: ChatRequest | Record<string, unknown>;
};

/** A responder decides per request; return undefined to fall through to the queue. */
export type Responder = (request: ChatRequest) => ScriptedReply | undefined;

export type ServerOptions = {
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Response formats this server rejects with 400, like servers that only know part of the API. */
  unsupported?: ('json_schema' | 'json_object' | 'tools')[];
  embeddingDimensions?: number;
};

export type ScriptedOpenAiServer = {
  /** Ends in /v1, ready for LLM_BASE_URL. */
  baseUrl: string;
  requests: RecordedRequest[];
  chatRequests: () => ChatRequest[];
  /** Replies used in order, one per chat request. */
  enqueue: (...replies: ScriptedReply[]) => void;
  /** Consulted before the queue for every chat request. */
  respondWith: (responder: Responder | null) => void;
  /** Replies left unused in the queue. */
  pending: () => number;
  setUnsupported: (formats: ServerOptions['unsupported']) => void;
  reset: () => void;
  close: () => Promise<void>;
};

const estimateTokens = (value: unknown): number =>
  Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** The assistant message a reply stands for: text content or one tool call. */
const messageOf = (reply: ScriptedReply & { kind: 'json' | 'text' | 'tool_call' }, index: number) => {
  if (reply.kind === 'tool_call') {
    const args = typeof reply.args === 'string' ? reply.args : JSON.stringify(reply.args);
    return {
      content: null,
      tool_calls: [
        {
          id: reply.id ?? `call_${index}`,
          type: 'function',
          function: { name: reply.name, arguments: args },
        },
      ],
    };
  }
  return {
    content: reply.kind === 'json' ? JSON.stringify(reply.body) : reply.content,
    tool_calls: undefined,
  };
};

/** A deterministic unit-ish vector for a text: same text, same vector; different texts differ. */
const embed = (text: string, dimensions: number): number[] => {
  const out: number[] = [];
  let block = createHash('sha256').update(text).digest();
  for (let i = 0; i < dimensions; i++) {
    if (i % 32 === 0 && i > 0) block = createHash('sha256').update(block).digest();
    out.push((block[i % 32]! - 127.5) / 127.5);
  }
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0)) || 1;
  return out.map((v) => v / norm);
};

/**
 * A real local HTTP server speaking the OpenAI chat completions and embeddings API from a script: JSON-schema and
 * JSON-object response formats, tool calls, SSE streaming, latency, 5xx, 429 with Retry-After and malformed bodies.
 */
export const startScriptedOpenAiServer = async (
  options: ServerOptions = {},
): Promise<ScriptedOpenAiServer> => {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  let responder: Responder | null = null;
  let unsupported = new Set(options.unsupported ?? []);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const unsupportedProblem = (body: ChatRequest): string | null => {
    const format = body.response_format?.type;
    if (format === 'json_schema' && unsupported.has('json_schema'))
      return "response_format.type 'json_schema' is not supported";
    if (format === 'json_object' && unsupported.has('json_object'))
      return "response_format.type 'json_object' is not supported";
    if (body.tools?.length && unsupported.has('tools')) return 'tools are not supported by this model';
    return null;
  };

  const streamReply = async (
    res: ServerResponse,
    body: ChatRequest,
    reply: ScriptedReply & { kind: 'json' | 'text' | 'tool_call' },
    usage: ScriptedUsage,
  ) => {
    const id = `chatcmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (
      delta: Record<string, unknown>,
      finish: string | null,
      extra: Record<string, unknown> = {},
    ) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
      );
    send({ role: 'assistant', content: '' }, null);
    const message = messageOf(reply, counter);
    if (message.tool_calls) {
      const call = message.tool_calls[0]!;
      send(
        {
          tool_calls: [
            {
              index: 0,
              id: call.id,
              type: 'function',
              function: { name: call.function.name, arguments: '' },
            },
          ],
        },
        null,
      );
      for (const piece of call.function.arguments.match(/.{1,12}/gs) ?? []) {
        send({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null);
      }
      send({}, 'tool_calls');
    } else {
      for (const piece of (message.content ?? '').match(/.{1,8}/gs) ?? []) send({ content: piece }, null);
      send({}, 'stop');
    }
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  };

  const chat = async (res: ServerResponse, body: ChatRequest) => {
    // Like a real server, an unsupported request is refused before any model runs (and uses up no scripted reply).
    const problem = unsupportedProblem(body);
    if (problem)
      return sendJson(res, 400, {
        error: { message: problem, type: 'invalid_request_error', param: 'response_format' },
      });
    const reply = responder?.(body) ?? queue.shift();
    if (!reply)
      return sendJson(res, 500, {
        error: { message: 'scripted server: no reply scripted for this request', type: 'server_error' },
      });
    await wait(reply.latencyMs ?? 0);
    if (res.destroyed) return;
    if (reply.kind === 'error') {
      const headers: Record<string, string> =
        reply.retryAfter === undefined ? {} : { 'retry-after': reply.retryAfter };
      return sendJson(
        res,
        reply.status,
        {
          error: {
            message: reply.message ?? `scripted error ${reply.status}`,
            type: 'server_error',
            code: reply.code ?? null,
          },
        },
        headers,
      );
    }
    if (reply.kind === 'stall') {
      if (reply.after === 'headers') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.flushHeaders();
      }
      return; // the socket stays open until the client gives up or the server closes
    }
    if (reply.kind === 'stream_error') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const error = { code: 500, message: reply.message, type: 'server_error' };
      return res.end(`data: ${JSON.stringify({ error })}\n\n`);
    }
    if (reply.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
    }
    const message = messageOf(reply, ++counter);
    const usage = reply.usage ?? {
      prompt_tokens: estimateTokens(body.messages),
      completion_tokens: estimateTokens(message),
    };
    if (body.stream) return streamReply(res, body, reply, usage);
    return sendJson(res, 200, {
      id: `chatcmpl-${counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', ...message },
          finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
          logprobs: null,
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  };

  const embeddings = (res: ServerResponse, body: Record<string, unknown>) => {
    const inputs = Array.isArray(body.input) ? (body.input as unknown[]) : [body.input];
    const dimensions =
      typeof body.dimensions === 'number' ? body.dimensions : (options.embeddingDimensions ?? 64);
    const data = inputs.map((input, index) => {
      const vector = embed(String(input), dimensions);
      return {
        object: 'embedding',
        index,
        embedding:
          body.encoding_format === 'base64'
            ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
            : vector,
      };
    });
    const tokens = inputs.reduce<number>((sum, input) => sum + estimateTokens(input), 0);
    sendJson(res, 200, {
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return sendJson(res, 400, {
          error: { message: 'request body is not JSON', type: 'invalid_request_error' },
        });
      }
      requests.push({ path, authorization: req.headers.authorization, body });
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        return sendJson(res, 401, {
          error: {
            message: 'Incorrect API key provided',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') return chat(res, body as ChatRequest);
      if (req.method === 'POST' && path === '/v1/embeddings') return embeddings(res, body);
      if (req.method === 'GET' && path === '/v1/models')
        return sendJson(res, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model' }] });
      return sendJson(res, 404, {
        error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' },
      });
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () =>
      requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as ChatRequest),
    enqueue: (...replies) => void queue.push(...replies),
    respondWith: (next) => {
      responder = next;
    },
    pending: () => queue.length,
    setUnsupported: (formats) => {
      unsupported = new Set(formats ?? []);
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      responder = null;
      unsupported = new Set(options.unsupported ?? []);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
