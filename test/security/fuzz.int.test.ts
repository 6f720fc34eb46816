import { serve, type ServerType } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HistoryQuerySchema, StartSessionSchema } from '../../src/channels/web/index.js';
import { IncomingMessageSchema } from '../../src/planner/conversation-types.js';
import { arbitraryFor, rawBodies, type JsonSchema } from '../support/fuzz-values.js';
import { createTestEnv, type TestEnv, type TestUser } from '../support/test-env.js';

// Issue 14: random and adversarial inputs, generated from the schemas, against every REST operation of the OpenAPI
// document, every MCP tool (real SDK client over Streamable HTTP) and every chat route. None may answer 5xx (or its
// equivalents: a JSON-RPC internal error, a tool or chat error saying "something went wrong on our side"), and the
// process must stay healthy. FUZZ_REQUESTS sets the count, FUZZ_SEED replays a run.

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 8;
const INTERNAL = /something went wrong on our side/i;

type Outcome = { status: number; internal?: string };
type Operation = { name: string; weight: number; run: (seed: number) => Promise<Outcome> };

let env: TestEnv;
let server: ServerType;
let base: string;
let user: TestUser;
let widgetToken: string;
let mcp: Client;
const ids: string[] = [];

beforeAll(async () => {
  env = await createTestEnv(
    {},
    {
      WIDGET_SECRET: randomBytes(32).toString('base64url'),
      CHAT_RATE_LIMIT_IP: '1000000',
      CHAT_RATE_LIMIT_MESSAGES: '100000',
    },
  );
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: env.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  user = await env.newUser('Fuzz Target', 'Europe/Berlin');
  // Real ids to aim at, so generated requests reach past "not found" into the use cases.
  const task = await env.call(user, 'POST', '/api/v1/tasks', { title: 'Fuzz parent', dueDate: '2030-01-01' });
  const step = await env.call(user, 'POST', '/api/v1/tasks', { title: 'Fuzz step', parentId: task.body.id });
  const reward = await env.call(user, 'POST', '/api/v1/rewards', { title: 'Fuzz reward', cost: 1 });
  const memory = await env.call(user, 'POST', '/api/v1/memories', {
    text: 'Fuzz likes lists',
    kind: 'preference',
  });
  for (const res of [task, step, reward, memory]) if (typeof res.body?.id === 'string') ids.push(res.body.id);
  if (typeof memory.body?.memory?.id === 'string') ids.push(memory.body.memory.id);
  const session = await env.app.request('/chat/session', { method: 'POST' });
  widgetToken = ((await session.json()) as { token: string }).token;
  mcp = new Client({ name: 'fuzz', version: '1.0.0' });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${user.token}` } },
    }),
  );
}, 120_000);

afterAll(async () => {
  await mcp?.close().catch(() => undefined);
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await env?.close();
}, 60_000);

const idPool = () => fc.constantFrom(...ids, 'tsk_doesnotexist', 'x', '..', '%00', '$ne');

const sample = <T>(arbitrary: fc.Arbitrary<T>, seed: number): T =>
  fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;

/** Most requests carry the right credential; some none, some garbage. */
const credential = (seed: number, good: string): Record<string, string> => {
  const roll = seed % 40;
  if (roll === 0) return {};
  if (roll === 1) return { authorization: 'Bearer ff_' + 'A'.repeat(43) };
  if (roll === 2) return { authorization: `Basic ${good}` };
  return { authorization: `Bearer ${good}` };
};

/** A body: a generated value as JSON, now and then raw text that is not (quite) JSON. */
const bodyText = (value: unknown, seed: number): string =>
  seed % 17 === 0 ? sample(rawBodies, seed) : (JSON.stringify(value) ?? 'null');

const request = async (path: string, init: RequestInit): Promise<Response> => env.app.request(path, init);

/** A path segment; text that cannot be encoded (a lone surrogate) becomes the malformed UTF-8 a raw client sends. */
const pathSegment = (text: string): string => {
  try {
    return encodeURIComponent(text) || '%20';
  } catch {
    return '%ED%A0%80';
  }
};

/** One operation per method and path of the OpenAPI document. */
const restOperations = async (): Promise<Operation[]> => {
  const doc = (await (await request('/api/v1/openapi.json', {})).json()) as {
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as { name: string; in: string; schema?: JsonSchema }[];
      const params = parameters.map((p) => ({ ...p, arbitrary: arbitraryFor(p.schema, doc, idPool()) }));
      const bodySchema = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content?.['application/json']?.schema;
      const body = bodySchema ? arbitraryFor(bodySchema, doc, idPool()) : undefined;
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        weight: 1,
        run: async (seed) => {
          let url = `/api/v1${path}`;
          const query = new URLSearchParams();
          params.forEach((p, i) => {
            const value = sample(p.arbitrary, seed + i);
            const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
            if (p.in === 'path') url = url.replace(`{${p.name}}`, pathSegment(text));
            else if (p.in === 'query' && seed % 3 !== 0) query.set(p.name, text);
          });
          const qs = query.toString();
          const res = await request(qs ? `${url}?${qs}` : url, {
            method: method.toUpperCase(),
            headers: {
              ...credential(seed, user.token),
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            ...(body ? { body: bodyText(sample(body, seed), seed) } : {}),
          });
          const text = await res.text();
          return { status: res.status, ...(res.status >= 500 ? { internal: text.slice(0, 300) } : {}) };
        },
      });
    }
  }
  return operations;
};

/** One operation per MCP tool, called through the real SDK client over Streamable HTTP. */
const mcpOperations = async (): Promise<Operation[]> => {
  const { tools } = await mcp.listTools();
  return tools.map((tool) => {
    const args = arbitraryFor(tool.inputSchema as JsonSchema, tool.inputSchema, idPool());
    return {
      name: `MCP ${tool.name}`,
      weight: 1,
      run: async (seed) => {
        const value = sample(args, seed);
        try {
          const result = await mcp.callTool({ name: tool.name, arguments: value as Record<string, unknown> });
          const text = (result.content as { type: string; text?: string }[])
            .map((c) => c.text ?? '')
            .join('\n');
          return { status: 200, ...(INTERNAL.test(text) ? { internal: text.slice(0, 300) } : {}) };
        } catch (error) {
          const status = (error as { status?: number }).status;
          const code = (error as { code?: number }).code;
          if (typeof status === 'number')
            return { status, ...(status >= 500 ? { internal: String(error) } : {}) };
          // -32603 is JSON-RPC's "internal error": the server's 5xx.
          if (code === -32603 || INTERNAL.test(String(error)))
            return { status: 500, internal: String(error) };
          return { status: 400 };
        }
      },
    };
  });
};

const schemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** The chat routes under /chat, with the widget's token (or none, or a forged one) and random origins. */
const chatOperations = (): Operation[] => {
  const ChatBodySchema = z.object({
    threadId: z.string().max(128).optional(),
    messageId: z.string().min(1).max(128),
    message: IncomingMessageSchema,
  });
  const session = arbitraryFor(schemaOf(StartSessionSchema), {}, idPool());
  const message = arbitraryFor(schemaOf(ChatBodySchema), {}, idPool());
  const history = arbitraryFor(schemaOf(HistoryQuerySchema), {}, idPool());
  const origin = fc.constantFrom(undefined, undefined, 'https://evil.example', 'null', base);
  const headers = (seed: number, json: boolean) => {
    const from = sample(origin, seed);
    return {
      ...credential(seed, widgetToken),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(from ? { origin: from } : {}),
    };
  };
  const outcome = async (res: Response): Promise<Outcome> => {
    const text = await res.text();
    return {
      status: res.status,
      ...(res.status >= 500 || INTERNAL.test(text) ? { internal: text.slice(0, 300) } : {}),
    };
  };
  return [
    {
      name: 'POST /chat/session',
      weight: 3,
      run: async (seed) =>
        outcome(
          await request('/chat/session', {
            method: 'POST',
            headers: headers(seed, true),
            body: bodyText(sample(session, seed), seed),
          }),
        ),
    },
    {
      name: 'POST /chat/messages',
      weight: 1, // a whole planner turn each: the costliest request here
      run: async (seed) =>
        outcome(
          await request('/chat/messages', {
            method: 'POST',
            headers: headers(seed, true),
            body: bodyText(sample(message, seed), seed),
          }),
        ),
    },
    {
      name: 'GET /chat/history',
      weight: 2,
      run: async (seed) => {
        const value = sample(history, seed);
        const query = new URLSearchParams(
          value && typeof value === 'object'
            ? Object.entries(value).map(([k, v]): [string, string] => [
                k,
                typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
              ])
            : [],
        );
        return outcome(await request(`/chat/history?${query}`, { headers: headers(seed, false) }));
      },
    },
    {
      name: 'POST /chat/events/read',
      weight: 2,
      run: async (seed) =>
        outcome(
          await request('/chat/events/read', {
            method: 'POST',
            headers: headers(seed, true),
            body: bodyText(sample(fc.oneof(fc.record({ id: idPool() }), message), seed), seed),
          }),
        ),
    },
    {
      name: 'GET /chat/events',
      weight: 0.3,
      run: async (seed) => {
        const res = await request('/chat/events', { headers: headers(seed, false) });
        if (res.status >= 400) return outcome(res);
        await res.body?.cancel(); // an event stream never ends by itself; the status is what counts
        return { status: res.status };
      },
    },
  ];
};

/** A small seeded generator, so FUZZ_SEED replays the same sequence of operations. */
const prng = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
};

describe('fuzzing every operation', () => {
  it(
    `answers ${TOTAL} random and adversarial requests without a 5xx and stays healthy`,
    { timeout: 600_000 },
    async () => {
      const operations = [...(await restOperations()), ...(await mcpOperations()), ...chatOperations()];
      expect(operations.filter((o) => o.name.startsWith('MCP ')).length).toBeGreaterThan(30);
      expect(operations.filter((o) => o.name.startsWith('GET /tasks')).length).toBeGreaterThan(0);
      const totalWeight = operations.reduce((sum, o) => sum + o.weight, 0);
      const random = prng(SEED);
      const pick = () => {
        let roll = random() * totalWeight;
        for (const o of operations) if ((roll -= o.weight) <= 0) return o;
        return operations[operations.length - 1]!;
      };

      const statuses = new Map<number, number>();
      const perOperation = new Map<string, number>();
      const failures: { operation: string; seed: number; status: number; detail: string }[] = [];
      let sent = 0;
      let unhealthy = 0;
      const started = Date.now();

      const worker = async () => {
        while (sent < TOTAL) {
          const index = sent++;
          const operation = pick();
          const seed = (SEED + index * 7919) % 2 ** 31;
          let outcome: Outcome;
          try {
            outcome = await operation.run(seed);
          } catch (error) {
            outcome = { status: 599, internal: `the request threw: ${String(error)}` };
          }
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          perOperation.set(operation.name, (perOperation.get(operation.name) ?? 0) + 1);
          if (outcome.status >= 500 || outcome.internal)
            failures.push({
              operation: operation.name,
              seed,
              status: outcome.status,
              detail: outcome.internal ?? '',
            });
          if (index % 1_000 === 999 && (await request('/health', {})).status !== 200) unhealthy++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const health = await fetch(`${base}/health`);
      console.log(
        `fuzz: ${sent} requests over ${perOperation.size} operations in ${Math.round((Date.now() - started) / 1000)} s ` +
          `(seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
          `${failures.length} 5xx`,
      );
      for (const f of failures.slice(0, 20))
        console.log(`  ${f.status} ${f.operation} (seed ${f.seed}): ${f.detail}`);
      expect(sent).toBeGreaterThanOrEqual(TOTAL);
      expect(perOperation.size).toBe(operations.length);
      expect(failures).toEqual([]);
      expect(unhealthy).toBe(0);
      expect(health.status).toBe(200);
    },
  );
});
