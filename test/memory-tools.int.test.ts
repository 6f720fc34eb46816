import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { forgetTool, listMemoriesTool, recallTool, rememberTool } from '../src/tools/memory/index.js';
import type { ToolContext, ToolDefinition } from '../src/tools/index.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

let env: TestEnv;
let indexDirectory: string;
beforeAll(async () => {
  indexDirectory = await mkdtemp(join(tmpdir(), 'ff-memory-tools-'));
  env = await createTestEnv({}, { MEMORY_INDEX_DIR: indexDirectory });
});
afterAll(async () => {
  await env?.close();
  await rm(indexDirectory, { recursive: true, force: true });
});

const contextFor = (userId: string): ToolContext => ({
  actor: { userId, via: 'mcp' },
  domain: env.domain,
  agents: env.agents,
  memory: env.memory,
  scheduler: env.jobs.scheduler,
  logger: env.logger,
});

/** Calls a tool the way the MCP server does: arguments parsed by its input schema, the result by its output schema. */
const call = async <In extends z.ZodObject, Out extends z.ZodObject>(
  tool: ToolDefinition<In, Out>,
  ctx: ToolContext,
  args: unknown,
) => tool.outputSchema.parse(await tool.run(ctx, tool.inputSchema.parse(args)));

describe('memory tools', () => {
  it('remember, recall, list and forget act for the signed-in person only', async () => {
    const ada = contextFor((await env.newUser('Ada')).userId);
    const bo = contextFor((await env.newUser('Bo')).userId);
    const saved = await call(rememberTool, ada, {
      kind: 'what_helped',
      text: 'Body doubling on a video call helped with email',
    });
    expect(saved).toMatchObject({ isNew: true, memory: { kind: 'what_helped', source: { via: 'mcp' } } });
    await call(rememberTool, bo, {
      kind: 'what_helped',
      text: 'Body doubling on a video call helped with email',
    });

    const recalled = await call(recallTool, ada, { query: 'what helps with email' });
    expect(recalled.memories.map((m) => m.id)).toEqual([saved.memory.id]);
    const listed = await call(listMemoriesTool, ada, {});
    expect(listed).toMatchObject({ total: 1, hasMore: false, memories: [{ id: saved.memory.id }] });

    expect(await call(forgetTool, bo, { ids: [saved.memory.id] })).toEqual({
      forgotten: [],
      notFound: [saved.memory.id],
    });
    expect(await call(forgetTool, ada, { ids: [saved.memory.id] })).toEqual({
      forgotten: [saved.memory.id],
      notFound: [],
    });
    expect((await call(recallTool, ada, { query: 'what helps with email' })).memories).toEqual([]);
    expect((await call(listMemoriesTool, bo, {})).total).toBe(1);

    const audit = await env.domain.audit.list(ada.actor.userId);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['memory.remembered', 'memory.forgotten']),
    );
    expect(JSON.stringify(audit)).not.toContain('Body doubling');
  });

  it('declares honest annotations', () => {
    expect(recallTool.annotations.readOnlyHint).toBe(true);
    expect(listMemoriesTool.annotations.readOnlyHint).toBe(true);
    expect(forgetTool.annotations.destructiveHint).toBe(true);
    expect(rememberTool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it('is wired into the app: index files land in MEMORY_INDEX_DIR', async () => {
    const user = contextFor((await env.newUser()).userId);
    await call(rememberTool, user, { text: 'Has two cats' });
    await call(recallTool, user, { query: 'cats' });
    await env.memory.flush();
    expect((await readdir(indexDirectory)).some((f) => f.includes(user.actor.userId))).toBe(true);
  });
});
