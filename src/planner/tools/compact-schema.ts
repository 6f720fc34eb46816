// What the model reads of a tool: the same fields, required list and enums as the MCP schema, without what only a
// validator needs. Every token of a tool definition is paid on every turn (and read at ~50 tokens/s by a small
// local model), while the MCP server still validates each call against the full schema, so nothing is lost here.

/** Keywords a model needs to fill in arguments; everything else (bounds on lengths, regexes, meta) is left out. */
const KEPT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'description',
  'format',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
]);

/** Longer descriptions are cut at a sentence end (or a word) near this many characters. */
const MAX_FIELD_DESCRIPTION = 100;
const MAX_TOOL_DESCRIPTION = 200;
/** A regex this short says something a model can use (an id's shape); long ones are date grammars. */
const MAX_KEPT_PATTERN = 32;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where sentences end: a stop before a space and a capital, quote or bracket ("e.g. Foo" does not end one). */
const sentencesOf = (text: string): string[] => {
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!'.!?'.includes(text[i]!)) continue;
    const ends = i === text.length - 1 || (text[i + 1] === ' ' && /[A-Z`"(]/.test(text[i + 2] ?? ''));
    const abbreviation = /\b(?:e\.g|i\.e)$/i.test(text.slice(Math.max(0, i - 4), i));
    if (ends && !abbreviation) {
      sentences.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
};

/** The first sentences of a text that fit in `max` characters; at least the first sentence, cut at a word if needed. */
export const shortDescription = (text: string, max: number): string => {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let kept = '';
  for (const sentence of sentencesOf(clean)) {
    if ((kept + sentence).length > max) break;
    kept += sentence;
  }
  if (kept.trim()) return kept.trim();
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trim()}…`;
};

const isNullType = (value: unknown): boolean => isObject(value) && value.type === 'null';

const compactNode = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(compactNode);
  if (!isObject(node)) return node;
  // `X or null` (how an optional-and-clearable field is written) reads as X: leaving it out means the same to a
  // model, and clearing a field stays possible because the server still accepts null.
  const variants = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants) && variants.length === 2 && variants.some(isNullType)) {
    const inner = variants.find((v) => !isNullType(v));
    const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = node;
    return compactNode({ ...(isObject(inner) ? inner : {}), ...outer });
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string' && value.length <= MAX_KEPT_PATTERN) out[key] = value;
    if (!KEPT_KEYWORDS.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, field]) => [name, compactNode(field)]));
    } else if (key === 'description' && typeof value === 'string') {
      out[key] = shortDescription(value, MAX_FIELD_DESCRIPTION);
    } else if (key === 'required' && Array.isArray(value) && value.length === 0) {
      continue;
    } else {
      out[key] = compactNode(value);
    }
  }
  return out;
};

/** A tool's input schema as the model should read it: every field, required name and enum, no validator detail. */
export const compactSchema = (schema: Record<string, unknown>): Record<string, unknown> => {
  const compacted = compactNode(schema) as Json;
  // OpenAI-style endpoints want an object schema with properties, even for a tool that takes nothing.
  return { type: 'object', properties: {}, ...compacted };
};

/** A tool's description as the model should read it: its first sentences. */
export const compactDescription = (description: string): string =>
  shortDescription(description, MAX_TOOL_DESCRIPTION);
