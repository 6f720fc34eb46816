import fc from 'fast-check';

// Random and adversarial inputs for the fuzz test (test/security/fuzz.int.test.ts), generated from JSON schemas: the
// OpenAPI document's, the MCP tools' input schemas and the chat routes' zod schemas.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
};

/** Strings that have broken parsers, regexes, databases and logs before. */
const nastyStrings = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0644\u0627 RTL',
  '🧠🔥'.repeat(300),
  'a'.repeat(70_000),
  '\ud800', // a lone surrogate
  '$where',
  '{"$gt": ""}',
  '../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  "'; DROP TABLE tasks; --",
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  '-1',
  '9'.repeat(400),
  '2024-02-30T25:61:00Z',
  '0000-00-00',
  'FREQ=SECONDLY;INTERVAL=1;COUNT=100000000',
  'RRULE:FREQ=DAILY;BYHOUR=' + '1,'.repeat(500) + '1',
  'data:image/png;base64,' + 'A'.repeat(2_000),
  'http://169.254.169.254/latest/meta-data/',
  '\n\r\t\v\f',
  'a'.repeat(64) + '@' + 'b'.repeat(300),
  ' '.repeat(5_000) + 'x',
  '(a+)+$' + 'a'.repeat(40) + '!',
];

/** JSON values that are the wrong type almost everywhere, including objects with prototype-polluting keys. */
const nastyValues: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  [],
  {},
  [null],
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"$gt":"","$ne":null,"$where":"sleep(1000)"}'),
  Array.from({ length: 2_000 }, (_, i) => i),
  JSON.parse(`${'{"a":'.repeat(400)}1${'}'.repeat(400)}`),
  JSON.parse(`${'['.repeat(400)}${']'.repeat(400)}`),
  ...nastyStrings,
];

export const nastyValue = fc.constantFrom(...nastyValues);
export const nastyString = fc.constantFrom(...nastyStrings);

/** Bodies that are not (quite) JSON, or JSON too deep for a naive recursive reader. */
export const rawBodies = fc.constantFrom(
  '',
  '{',
  'null',
  '"just a string"',
  '[1,2,',
  '{"a":1}{"b":2}',
  '\u0000\u0001\u0002',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '{"__proto__":{"isAdmin":true}}',
  '{"title":"\\ud800"}',
  'x'.repeat(300_000),
);

const isoDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Resolves `$ref`s of the form `#/a/b` against `root` (the OpenAPI document or a tool's schema). */
const resolve = (schema: JsonSchema, root: unknown): JsonSchema => {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)?.[key],
      root,
    ) as JsonSchema;
    if (!current) return {};
  }
  return current;
};

/**
 * An arbitrary for `schema`: mostly values of the right shape (so requests get past validation and reach the use
 * cases), mixed with wrong types and nasty values at every level, so validation itself is exercised too.
 */
export const arbitraryFor = (
  schema: JsonSchema | undefined,
  root: unknown,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<unknown> => {
  if (!schema || depth > 6) return nastyValue;
  const s = resolve(schema, root);
  const shaped = shapedFor(s, root, ids, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: nastyValue });
};

const shapedFor = (
  s: JsonSchema,
  root: unknown,
  ids: fc.Arbitrary<string>,
  depth: number,
): fc.Arbitrary<unknown> => {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((alt) => arbitraryFor(alt, root, ids, depth + 1)));
  if (s.allOf?.length) return arbitraryFor(s.allOf[0], root, ids, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      const max = Math.min(s.maxLength ?? 80, 200);
      const plain =
        s.format === 'date-time' || s.format === 'date'
          ? isoDate.map((d) => (s.format === 'date' ? d.slice(0, 10) : d))
          : fc.string({ minLength: s.minLength ?? 0, maxLength: max, unit: 'grapheme' });
      return fc.oneof(
        { weight: 4, arbitrary: plain },
        { weight: 2, arbitrary: ids },
        { weight: 1, arbitrary: nastyString },
      );
    }
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }),
        fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER),
      );
    case 'number':
      return fc.oneof(
        fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }),
        fc.constantFrom(0, -0, 1e308),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(s.items, root, ids, depth + 1), { maxLength: 4 });
    case 'object':
    case undefined: {
      const properties = Object.entries(s.properties ?? {});
      if (properties.length === 0)
        return type === 'object'
          ? fc.dictionary(fc.string({ maxLength: 8 }), nastyValue, { maxKeys: 3 })
          : nastyValue;
      const required = new Set(s.required ?? []);
      return fc
        .tuple(
          ...properties.map(([key, value]) =>
            fc.tuple(
              fc.constant(key),
              arbitraryFor(value, root, ids, depth + 1),
              fc.integer({ min: 0, max: 9 }),
            ),
          ),
          fc.integer({ min: 0, max: 19 }),
        )
        .map((parts) => {
          const extra = parts.pop() as number;
          const object: Record<string, unknown> = {};
          for (const [key, value, roll] of parts as [string, unknown, number][]) {
            // Required fields are nearly always there, optional ones about half the time.
            if ((required.has(key) && roll > 0) || roll > 4) object[key] = value;
          }
          if (extra === 0)
            Object.assign(object, JSON.parse('{"__proto__":{"polluted":true},"unknownKey":1}'));
          return object;
        });
    }
    default:
      return nastyValue;
  }
};
