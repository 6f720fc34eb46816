import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask, listTasks } from '../src/domain/tasks/index.js';
import { createApiToken } from '../src/domain/tokens/api-tokens.js';
import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
} from './support/scripted-openai-server.js';
import { partsOf, startPlannerEnv, type PlannerTestEnv } from './support/planner-env.js';

// An operator-configured external MCP server over Streamable HTTP. Here it is another FocusForge (its own database),
// reached with a token of a person there: any MCP server would do.
let remote: PlannerTestEnv;
let http: ServerType;
let local: PlannerTestEnv;
let llm: ScriptedOpenAiServer;
let remoteUser: string;

beforeAll(async () => {
  remote = await startPlannerEnv();
  remoteUser = await remote.newUser('Remote account');
  await createTask(
    remote.deps().domain,
    { userId: remoteUser, via: 'system' },
    { title: 'Team offsite booking' },
  );
  const { token } = await createApiToken(
    remote.deps().domain,
    { userId: remoteUser, via: 'cli' },
    { name: 'planner' },
  );
  http = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: remote.deps().app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = http.address() as AddressInfo;
  llm = await startScriptedOpenAiServer();
  local = await startPlannerEnv({
    LLM_BASE_URL: llm.baseUrl,
    LLM_MODEL: 'scripted-model',
    LLM_MAX_RETRIES: '0',
    PLANNER_MCP_SERVERS: JSON.stringify([
      { name: 'work', url: `http://localhost:${port}/mcp`, headers: { authorization: `Bearer ${token}` } },
    ]),
  });
});
afterAll(async () => {
  await local?.close();
  if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
  await remote?.close();
  await llm?.close();
});

const tools = (request: ChatRequest) => request.tools!.map((t) => t.function.name);
const toolResults = (request: ChatRequest) =>
  request.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));

describe('external MCP servers', () => {
  it('offers their tools namespaced; read-only ones run, others wait for a yes', async () => {
    const user = await local.newUser();
    llm.respondWith((request) => {
      const seen = toolResults(request).length;
      if (seen === 0) return { kind: 'tool_call', name: 'work__list_tasks', args: {} };
      if (seen === 1)
        return { kind: 'tool_call', name: 'work__create_task', args: { title: 'Injected elsewhere' } };
      return { kind: 'text', content: 'Your work list has the offsite booking.' };
    });
    const { reply } = await local.say(user, 'what is on my work list?');
    const [first] = llm.chatRequests();
    expect(tools(first!)).toEqual(
      expect.arrayContaining(['create_task', 'work__list_tasks', 'work__create_task']),
    );
    const results = toolResults(llm.chatRequests()[2]!);
    expect(results[0]).toContain('Team offsite booking');
    expect(results[1]).toMatch(/asked to confirm/);
    expect(partsOf(reply, 'choices')[0]!.prompt).toMatch(/work: create task/);
    expect(
      (await listTasks(remote.deps().domain, { userId: remoteUser, via: 'system' }, { limit: 10 })).items,
    ).toHaveLength(1);
  });
});
