import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withCachedJsonSchema } from './json-schema-cache.js';

describe('withCachedJsonSchema', () => {
  const schema = z.object({ title: z.string().min(1), tags: z.array(z.string()).default([]) });
  const options = { target: 'draft-2020-12' } as const;

  it('converts once and hands out the same frozen JSON Schema afterwards', () => {
    const cached = withCachedJsonSchema(schema);
    const first = cached['~standard'].jsonSchema.input(options);
    expect(cached['~standard'].jsonSchema.input(options)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const { $schema: _dialect, ...plain } = schema['~standard'].jsonSchema.input(options);
    expect(first).toEqual(plain);
    expect(withCachedJsonSchema(schema)).toBe(cached);
  });

  it('writes nullable fields with single-type branches', () => {
    const nullable = withCachedJsonSchema(
      z.object({ dueAt: z.iso.datetime().nullable(), n: z.number().nullable() }),
    );
    const json = nullable['~standard'].jsonSchema.output(options) as { properties: Record<string, unknown> };
    expect(JSON.stringify(json)).not.toMatch(/"type":\[/);
    expect(json.properties.n).toEqual({ anyOf: [{ type: 'number' }, { type: 'null' }] });
  });

  it('leaves out what a model never needs: the dialect and long date grammars, keeping short id patterns', () => {
    const lean = withCachedJsonSchema(
      z.object({
        dueAt: z.iso.datetime({ local: true }).describe('Due time, ISO 8601'),
        day: z.iso.date(),
        id: z.string().regex(/^task_[0-9a-z]{8,40}$/),
        tags: z.array(z.string().min(1).max(64)).max(40),
      }),
    );
    const json = lean['~standard'].jsonSchema.input(options) as Record<string, unknown>;
    expect(json.$schema).toBeUndefined();
    expect(json.properties).toEqual({
      dueAt: { type: 'string', description: 'Due time, ISO 8601' },
      day: { type: 'string', format: 'date' },
      id: { type: 'string', pattern: '^task_[0-9a-z]{8,40}$' },
      tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    });
  });

  it('still validates with the original schema', async () => {
    const cached = withCachedJsonSchema(schema);
    expect(await cached['~standard'].validate({ title: 'Call Sam' })).toEqual({
      value: { title: 'Call Sam', tags: [] },
    });
    expect((await cached['~standard'].validate({ title: '' })).issues?.[0]?.path).toEqual(['title']);
  });
});
