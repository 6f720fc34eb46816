import { describe, expect, it } from 'vitest';
import { tools, withCachedJsonSchema } from '../../tools/index.js';
import { compactDescription, compactSchema, shortDescription } from './compact-schema.js';

/** The input schema exactly as our MCP server lists it. */
const listed = (schema: (typeof tools)[number]['inputSchema']): Record<string, unknown> =>
  withCachedJsonSchema(schema)['~standard'].jsonSchema.input({ target: 'draft-2020-12' });

/** Every value under `key` anywhere in a schema, as JSON text (order kept within each value). */
const collect = (node: unknown, key: string, found: string[] = []): string[] => {
  if (Array.isArray(node)) for (const item of node) collect(item, key, found);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) found.push(JSON.stringify(v));
      if (k === 'properties' && v && typeof v === 'object') {
        for (const field of Object.values(v)) collect(field, key, found);
      } else collect(v, key, found);
    }
  }
  return found;
};
/** Every property name anywhere in a schema. */
const fieldNames = (node: unknown): string[] =>
  collect(node, 'properties').flatMap((json) => Object.keys(JSON.parse(json) as object));

describe('compactSchema on every tool of the registry', () => {
  it.each(tools.map((tool) => [tool.name, listed(tool.inputSchema)] as const))(
    '%s keeps every field, required name and enum',
    (_name, full) => {
      const compact = compactSchema(full);
      expect(compact.type).toBe('object');
      expect(fieldNames(compact).sort()).toEqual(fieldNames(full).sort());
      expect(collect(compact, 'required').sort()).toEqual(
        collect(full, 'required')
          .filter((r) => r !== '[]')
          .sort(),
      );
      expect(collect(compact, 'enum').sort()).toEqual(collect(full, 'enum').sort());
      const text = JSON.stringify(compact);
      expect(text).not.toContain('$schema');
      expect(text).not.toContain('additionalProperties');
      expect(text.length).toBeLessThanOrEqual(JSON.stringify(full).length);
    },
  );

  it('drops nullable wrappers (the MCP listing already drops date-time regexes) but keeps the descriptions', () => {
    const full = listed(tools.find((t) => t.name === 'create_task')!.inputSchema);
    const compact = compactSchema(full) as { properties: Record<string, Record<string, unknown>> };
    expect(JSON.stringify(full)).not.toMatch(/\\\\d\\\\d\[2468\]/);
    expect(JSON.stringify(full.properties)).toContain('"anyOf"');
    expect(compact.properties.dueAt).toEqual({
      type: 'string',
      description: expect.stringMatching(/^ISO 8601 date and time/),
    });
    expect(compact.properties.priority).toEqual({
      type: 'string',
      enum: ['low', 'medium', 'high', 'urgent'],
    });
    // A short id pattern tells the model what an id looks like; it stays.
    expect(compact.properties.parentId!.pattern).toBe('^task_[0-9a-z]{8,40}$');
    // "string or null" is just "string" to a model that may leave the field out
    expect(compact.properties.notes).toEqual({ type: 'string' });
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length);
  });

  it('gives a tool that takes nothing an empty object schema', () => {
    expect(compactSchema({ type: 'object', $schema: 'x', additionalProperties: false })).toEqual({
      type: 'object',
      properties: {},
    });
  });
});

describe('shortDescription', () => {
  it('keeps whole sentences that fit and never splits at "e.g."', () => {
    const text =
      'Records a mood, e.g. Tired. Never guess it. A third sentence that is long enough to overflow.';
    expect(shortDescription(text, 50)).toBe('Records a mood, e.g. Tired. Never guess it.');
  });

  it('never ends on a dangling "E.g." that opens an example it cannot keep', () => {
    const text = 'Adds a task. Short titles. E.g. "call mom at 5" becomes a task called Call mom at five.';
    expect(shortDescription(text, 40)).toBe('Adds a task. Short titles.');
  });

  it('cuts an overlong first sentence at a word', () => {
    const cut = shortDescription('word '.repeat(40), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).toMatch(/^word( word)*…$/);
  });

  it('leaves a short description alone and shortens every long tool description', () => {
    expect(compactDescription('Lists the tasks.')).toBe('Lists the tasks.');
    for (const tool of tools) expect(compactDescription(tool.description).length).toBeLessThanOrEqual(200);
  });
});
