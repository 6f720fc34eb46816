import { ProtocolError } from '@modelcontextprotocol/client';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectInProcess,
  ERROR_META_KEY,
  MAX_TOOL_NAME_LENGTH,
  prompts,
  resources,
  resourceTemplates,
  TOOL_NAME_PATTERN,
  tools,
  type InProcessMcp,
} from '../src/tools/index.js';
import { callOk, expectToolError, tourAllTools } from './support/mcp-harness.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const env = useTestEnv();
const open: InProcessMcp[] = [];

const connectAs = async (user: TestUser) => {
  const pair = await connectInProcess({
    actor: { userId: user.userId, via: 'mcp' },
    domain: env().domain,
    agents: env().agents,
    memory: env().memory,
    scheduler: env().jobs.scheduler,
    logger: env().logger,
  });
  open.push(pair);
  return pair.client;
};

afterEach(async () => {
  for (const pair of open.splice(0)) await pair.close();
});

/** Every property name anywhere in a JSON Schema, nested objects and arrays included. */
const propertyNames = (schema: unknown): string[] => {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = node.properties && typeof node.properties === 'object' ? Object.keys(node.properties) : [];
  return [...own, ...Object.values(node).flatMap(propertyNames)];
};

const readJson = async (client: Awaited<ReturnType<typeof connectAs>>, uri: string) => {
  const content = (await client.readResource({ uri })).contents[0] as { text: string; mimeType: string };
  expect(content.mimeType).toBe('application/json');
  return JSON.parse(content.text);
};

describe('the tool registry', () => {
  it('names every tool snake_case, verb first, uniquely, within 64 characters of [a-z0-9_]', () => {
    const names = tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(TOOL_NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
      expect(name.split('_')[0], `${name} should start with a verb`).toMatch(
        /^(get|list|create|update|complete|reopen|delete|restore|reorder|fresh|log|end|redeem|start|break|analyze|validate|plan|remember|recall|forget|suggest|snooze|review)$/,
      );
    }
  });

  it('is documented tool by tool in docs/mcp.md', async () => {
    const docs = await readFile('docs/mcp.md', 'utf8');
    for (const tool of tools) expect(docs, tool.name).toContain(`\`${tool.name}\``);
    for (const prompt of prompts) expect(docs, prompt.name).toContain(`\`${prompt.name}\``);
  });
});

describe('MCP over the in-memory transport', () => {
  it('lists every tool with a title, a description, both schemas and all four annotations', async () => {
    const client = await connectAs(await env().newUser());
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(client.getServerVersion()).toMatchObject({ name: 'focusforge', version: pkg.version });
    expect(client.getInstructions()).toMatch(/never ask for or pass a user id/);
    const listed = (await client.listTools()).tools;
    expect(listed.map((t) => t.name).sort()).toEqual(tools.map((t) => t.name).sort());
    for (const tool of listed) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof tool.annotations?.[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      // A read-only tool can be neither destructive nor anything but idempotent.
      if (tool.annotations?.readOnlyHint)
        expect(tool.annotations).toMatchObject({ destructiveHint: false, idempotentHint: true });
    }
  });

  it('never lets a tool input name a user, at any depth', async () => {
    const client = await connectAs(await env().newUser());
    for (const tool of (await client.listTools()).tools) {
      const names = propertyNames(tool.inputSchema).map((n) => n.toLowerCase());
      for (const forbidden of ['userid', 'user_id', 'user', 'owner', 'ownerid', 'actor']) {
        expect(names, tool.name).not.toContain(forbidden);
      }
    }
  });

  it('lists the resources, resource templates and prompts', async () => {
    const client = await connectAs(await env().newUser());
    const listedResources = (await client.listResources()).resources.map((r) => r.uri);
    for (const resource of resources) expect(listedResources).toContain(resource.uri);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates.sort()).toEqual(resourceTemplates.map((t) => t.uriTemplate).sort());
    const listedPrompts = (await client.listPrompts()).prompts.map((p) => p.name);
    expect(listedPrompts.sort()).toEqual(prompts.map((p) => p.name).sort());
  });

  it('calls every tool and each structured result matches its output schema', async () => {
    const client = await connectAs(await env().newUser('Ada', 'Europe/Berlin'));
    await client.listTools(); // lets the client validate structured results against the advertised schemas too
    const called = await tourAllTools(client);
    expect([...called].sort()).toEqual(tools.map((t) => t.name).sort());
  });

  it("reads today's plan, a task, recent mood, the profile and points as the acting person", async () => {
    const user = await env().newUser('Grace', 'America/New_York');
    const client = await connectAs(user);
    const task = await callOk(client, 'create_task', {
      title: 'Call the dentist',
      priority: 'high',
      estimateMinutes: 10,
    });
    const step = await callOk(client, 'create_task', { title: 'Find the number', parentId: task.id });
    await callOk(client, 'update_task', { taskId: task.id, changes: { status: 'in_progress' } });
    await callOk(client, 'log_mood', { mood: 3, energy: 2 });

    const today = await readJson(client, 'focusforge://today');
    expect(today.timezone).toBe('America/New_York');
    expect(today.inProgress.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expect(today.plan.top[0].id).toBe(task.id);
    expect(today.plan.firstStep.id).toBe(step.id);

    const detail = await readJson(client, `focusforge://tasks/${task.id}`);
    expect(detail).toMatchObject({ id: task.id, title: 'Call the dentist' });
    expect(detail.steps.items[0].id).toBe(step.id);
    const listed = (await client.listResources()).resources.map((r) => r.uri);
    expect(listed).toContain(`focusforge://tasks/${task.id}`);

    expect((await readJson(client, 'focusforge://mood/recent')).latest[0]).toMatchObject({
      mood: 3,
      energy: 2,
    });
    expect(await readJson(client, 'focusforge://me/profile')).toMatchObject({
      id: user.userId,
      name: 'Grace',
    });
    expect((await readJson(client, 'focusforge://me/points')).points.balance).toBe(0);
  });

  it('builds every prompt with the data it needs', async () => {
    const client = await connectAs(await env().newUser('Kai'));
    const thesis = await callOk(client, 'create_task', { title: 'Write thesis', dueDate: '2020-01-01' });
    const text = async (name: string, args: Record<string, string> = {}) =>
      JSON.stringify((await client.getPrompt({ name, arguments: args })).messages);
    expect(await text('plan_my_day', { energy: 'low' })).toContain('Write thesis');
    expect(await text('break_down_task', { taskId: thesis.id })).toContain('parentId');
    expect(await text('break_down_task', { task: 'Clean the garage' })).toContain('Clean the garage');
    expect(await text('evening_review')).toContain('log_mood');
    expect(await text('fresh_start')).toContain(thesis.id);
    await expect(client.getPrompt({ name: 'break_down_task', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('answers refusals with an isError result a model can act on, and the code in _meta', async () => {
    const client = await connectAs(await env().newUser());
    const badZone = await client.callTool({
      name: 'update_profile',
      arguments: { timezone: 'Mars/Olympus' },
    });
    expect(expectToolError(badZone)).toMatch(/time ?zone/i);
    expect(expectToolError(await client.callTool({ name: 'update_profile', arguments: {} }))).toMatch(
      /nothing to update/,
    );
    expect(
      expectToolError(await client.callTool({ name: 'create_task', arguments: { title: '   ' } })),
    ).toMatch(/title/);

    const missing = await client.callTool({
      name: 'complete_task',
      arguments: { taskId: 'task_0000000000000000' },
    });
    expect(expectToolError(missing)).toMatch(/couldn't find that task/);
    expect(missing._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'TASK_NOT_FOUND' });

    const pricey = await callOk(client, 'create_reward', { title: 'Concert tickets', cost: 500 });
    const broke = await client.callTool({ name: 'redeem_reward', arguments: { id: pricey.id } });
    expect(expectToolError(broke)).toMatch(/500 points/);
    expect(broke._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'INSUFFICIENT_POINTS' });

    const block = await callOk(client, 'start_focus_session', { plannedMinutes: 25 });
    const busy = await client.callTool({ name: 'start_focus_session', arguments: { plannedMinutes: 10 } });
    expect(expectToolError(busy)).toContain(block.id);
    expect(busy._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'FOCUS_SESSION_ACTIVE' });
  });

  it('answers an unknown tool with a JSON-RPC error, not a tool result', async () => {
    const client = await connectAs(await env().newUser());
    const call = client.callTool({ name: 'drop_all_tasks', arguments: {} });
    await expect(call).rejects.toBeInstanceOf(ProtocolError);
    await expect(client.callTool({ name: 'drop_all_tasks', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
  });
});

describe("one person's task ids in another person's hands", () => {
  it('are not found: nothing is read, changed, completed, deleted or attached', async () => {
    const ada = await connectAs(await env().newUser('Ada'));
    const bob = await connectAs(await env().newUser('Bob'));
    const secret = await callOk(ada, 'create_task', { title: 'Ada private plan', notes: 'do not share' });
    const adaStep = await callOk(ada, 'create_task', { title: 'Ada step', parentId: secret.id });

    const attempts: [string, Record<string, unknown>][] = [
      ['get_task', { taskId: secret.id }],
      ['update_task', { taskId: secret.id, changes: { title: 'Bob was here' } }],
      ['complete_task', { taskId: secret.id }],
      ['reopen_task', { taskId: secret.id }],
      ['delete_task', { taskId: secret.id }],
      ['restore_task', { taskId: secret.id }],
      ['create_task', { title: 'Sneaky step', parentId: secret.id }],
      ['reorder_subtasks', { parentId: secret.id, ids: [adaStep.id] }],
      ['start_focus_session', { taskId: secret.id }],
      ['fresh_start', { action: 'archive', ids: [secret.id] }],
    ];
    for (const [name, args] of attempts) {
      const result = await bob.callTool({ name, arguments: args });
      if (name === 'fresh_start') {
        expect(result.structuredContent, name).toMatchObject({ count: 0 }); // nothing of Ada's is in Bob's scope
        continue;
      }
      const text = expectToolError(result);
      expect(text, name).not.toContain('Ada private plan');
      expect(text, name).not.toContain('do not share');
    }
    const listed = await callOk(bob, 'list_tasks', { parentId: secret.id });
    expect(listed.items).toEqual([]);
    await expect(bob.readResource({ uri: `focusforge://tasks/${secret.id}` })).rejects.toMatchObject({
      code: -32602,
    });
    expect(JSON.stringify(await bob.getPrompt({ name: 'plan_my_day' }))).not.toContain('Ada private plan');

    const after = await callOk(ada, 'get_task', { taskId: secret.id });
    expect(after).toMatchObject({
      title: 'Ada private plan',
      status: 'todo',
      deletedAt: null,
      subtasks: { total: 1, done: 0 },
    });
    expect(after.statusHistory).toHaveLength(1);
  });
});
