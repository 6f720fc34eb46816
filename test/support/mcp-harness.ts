import type { Client } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import { tools, type ToolDefinition } from '../../src/tools/index.js';

type CallResult = Awaited<ReturnType<Client['callTool']>>;

/** The registry entry of a tool, by name; fails the test when there is none. */
export const toolNamed = (name: string): ToolDefinition => {
  const tool = tools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool named ${name} in the registry`);
  return tool;
};

/** Asserts a successful call whose structured result fits the tool's output schema and whose text mirrors it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary result shapes
export const expectOk = (name: string, result: CallResult): any => {
  const text = (result.content as { type: string; text?: string }[] | undefined)?.find((c) => c.type === 'text')?.text;
  expect(result.isError, `${name} failed: ${text}`).toBeFalsy();
  const parsed = toolNamed(name).outputSchema.safeParse(result.structuredContent);
  expect(parsed.success, `${name} result does not match its output schema: ${parsed.error?.message}`).toBe(true);
  expect(JSON.parse(text ?? 'null')).toEqual(result.structuredContent);
  return result.structuredContent;
};

/** Asserts an `isError` tool result and returns its text (the safe message a model reads). */
export const expectToolError = (result: CallResult): string => {
  expect(result.isError).toBe(true);
  const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  expect(text).not.toMatch(/Mongo|stack|at \w+ \(|node_modules|ECONN/i);
  return text;
};

/** Calls a tool and asserts it succeeded with a schema-conforming structured result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary result shapes
export const callOk = async (client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> =>
  expectOk(name, await client.callTool({ name, arguments: args }));

/**
 * Calls every tool of the registry at least once, in an order that makes sense to a person (create, then list,
 * then complete...), checking each result. Returns the names called so a test can assert full coverage.
 */
export const tourAllTools = async (client: Client): Promise<Set<string>> => {
  const called = new Set<string>();
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    called.add(name);
    return callOk(client, name, args);
  };

  const profile = await call('get_profile');
  expect(profile.timezone).toBeTypeOf('string');
  const updated = await call('update_profile', { tone: 'playful', quietHours: { start: '21:30', end: '07:00' } });
  expect(updated.preferences).toMatchObject({ tone: 'playful', quietHours: { start: '21:30', end: '07:00' } });

  return called;
};
