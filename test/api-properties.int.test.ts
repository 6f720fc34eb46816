import { dereference, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, type TestUser } from './support/test-env.js';

// Properties over every documented operation, so new routes are covered the day they are added.
const env = useTestEnv();

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  [key: string]: unknown;
};
type Operation = { method: string; path: string; body: JsonSchema | undefined; query: string[] };

let user: TestUser;
let document: Record<string, unknown>;
let operations: Operation[] = [];
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });

const fillPath = (path: string, value: string) => path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value));

beforeAll(async () => {
  user = await env().newUser('Property Tester');
  const res = await env().call(null, 'GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  document = res.body;
  const resolved = (await dereference(structuredClone(document) as never)) as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          parameters?: { in: string; name: string }[];
        }
      >
    >;
  };
  operations = Object.entries(resolved.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: `/api/v1${path}`,
      body: op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
});

/** Random JSON, plus objects that use the schema's own field names with random values (closer to valid). */
const bodies = (schema: JsonSchema) => {
  const keys = Object.keys(schema.properties ?? {});
  const nearMiss = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: keys.length })
    : fc.constant({});
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    nearMiss,
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
  );
};

describe('the REST API under arbitrary input', () => {
  it('publishes a valid OpenAPI document that covers the domain', async () => {
    await expect(validate(structuredClone(document) as never)).resolves.toMatchObject({ valid: true });
    const paths = Object.keys(document.paths as object);
    expect(paths).toEqual(expect.arrayContaining(['/me', '/me/tokens']));
    for (const op of operations) expect(op.path.startsWith('/api/v1/')).toBe(true);
  });

  it('answers invalid bodies with a 4xx and a clear message, and never a 5xx', async () => {
    const withBody = operations.filter((op) => op.body);
    expect(withBody.length).toBeGreaterThan(0);
    for (const op of withBody) {
      const check = ajv.compile(op.body!);
      await fc.assert(
        fc.asyncProperty(bodies(op.body!), async (body) => {
          const res = await env().call(user, op.method, fillPath(op.path, 'nope_000000'), body);
          const where = `${op.method} ${op.path} ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}`;
          expect(res.status, where).toBeLessThan(500);
          if (!check(body)) expect(res.status, where).toBeGreaterThanOrEqual(400);
          if (res.status >= 400) {
            expect(res.body?.error?.code, where).toEqual(expect.any(String));
            expect(res.body?.error?.message?.length, where).toBeGreaterThan(5);
          }
        }),
        { numRuns: 30 },
      );
    }
  });

  it('answers malformed JSON with 400 on every operation that takes a body', async () => {
    const malformed = fc.string({ minLength: 1, maxLength: 40 }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    for (const op of operations.filter((o) => o.body)) {
      await fc.assert(
        fc.asyncProperty(malformed, async (text) => {
          const res = await env().call(user, op.method, fillPath(op.path, 'nope_000000'), text);
          expect(res.status, `${op.method} ${op.path} ${JSON.stringify(text)}`).toBe(400);
          expect(res.body.error.code).toBe('BAD_REQUEST');
        }),
        { numRuns: 15 },
      );
    }
  });

  it('never answers 5xx to arbitrary path ids or query strings', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.dictionary(
            op.query.length ? fc.constantFrom(...op.query) : fc.constant('x'),
            fc.string({ maxLength: 12 }),
          ),
          async (id, query) => {
            const qs = new URLSearchParams(query).toString();
            const path = `${fillPath(op.path, id)}${qs ? `?${qs}` : ''}`;
            const body = op.body ? {} : undefined;
            const res = await env().call(user, op.method, path, body);
            expect(res.status, `${op.method} ${path} -> ${JSON.stringify(res.body)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 15 },
      );
    }
  });

  it('refuses every operation without a token', async () => {
    for (const op of operations) {
      const res = await env().call(null, op.method, fillPath(op.path, 'x'), op.body ? {} : undefined);
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('refuses bodies over the size limit with 413', async () => {
    const op = operations.find((o) => o.method === 'PATCH' && o.path === '/api/v1/me')!;
    const res = await env().call(user, op.method, op.path, { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
