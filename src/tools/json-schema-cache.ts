import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';

type Converter = StandardSchemaWithJSON['~standard']['jsonSchema'];
type ConvertOptions = Parameters<Converter['input']>[0];

const wrapped = new WeakMap<object, StandardSchemaWithJSON>();

/**
 * `{"type": ["string", "null"]}` (how zod writes a nullable field) becomes
 * `{"anyOf": [{"type": "string"}, {"type": "null"}]}`: the same meaning, in the single-`type` form that clients
 * mapping tools onto stricter dialects (e.g. Gemini's OpenAPI subset) accept. The MCP Inspector's --strict flags it.
 */
const splitNullableTypes = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(splitNullableTypes);
  if (!value || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, splitNullableTypes(v)]));
  const { type, ...rest } = node;
  if (!Array.isArray(type) || type.length < 2) return node;
  return { anyOf: type.map((t) => (t === 'null' ? { type: 'null' } : { ...rest, type: t })) };
};

/** Regexes up to this long say something a model can use (an id's shape); longer ones are zod's date grammars. */
const MAX_ADVERTISED_PATTERN = 64;

/**
 * Leaves out what no client or model needs, about a sixth of what a model reads of the tool list: `$schema`
 * (2020-12 is MCP's default dialect), the ~300-character date and date-time regexes zod writes for every
 * date field (the field's `format` or description already says ISO 8601) and size caps. Validation still runs
 * the zod schema, so nothing is accepted that was refused before.
 */
const leaveOutNoise = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(leaveOutNoise);
  if (!value || typeof value !== 'object') return value;
  const node: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema') continue;
    if (key === 'pattern' && typeof child === 'string' && child.length > MAX_ADVERTISED_PATTERN) continue;
    // Size caps (5000 characters of notes, 40 tags) only stop abuse; the server enforces them and says so.
    if ((key === 'maxLength' || key === 'maxItems') && typeof child === 'number') continue;
    node[key] = leaveOutNoise(child);
  }
  return node;
};

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/**
 * The same schema, with its JSON Schema converted (made portable and lean) once per process instead of once per
 * server instance.
 * HTTP builds a server per request, and converting ~30 zod schemas costs tens of milliseconds each time;
 * validation still runs the original schema.
 */
export const withCachedJsonSchema = <S extends StandardSchemaWithJSON>(schema: S): S => {
  const known = wrapped.get(schema);
  if (known) return known as S;
  const standard = schema['~standard'];
  const memo = new Map<string, Record<string, unknown>>();
  const convert =
    (io: 'input' | 'output') =>
    (options: ConvertOptions): Record<string, unknown> => {
      const key = `${io}:${JSON.stringify(options)}`;
      let json = memo.get(key);
      if (!json) {
        json = deepFreeze(
          leaveOutNoise(splitNullableTypes(standard.jsonSchema[io](options))) as Record<string, unknown>,
        );
        memo.set(key, json);
      }
      return json; // frozen: shared by every server instance, so nobody may change it
    };
  const cached = {
    '~standard': { ...standard, jsonSchema: { input: convert('input'), output: convert('output') } },
  };
  wrapped.set(schema, cached);
  return cached as unknown as S;
};
