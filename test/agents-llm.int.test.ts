import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgents, type Agents } from '../src/agents/index.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/domain/audit/audit-log.js';
import { createTask } from '../src/domain/tasks/index.js';
import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
} from './support/scripted-openai-server.js';
import { useTestEnv } from './support/test-env.js';

const KEY = 'sk-scripted-secret-4242';
const env = useTestEnv();
let server: ScriptedOpenAiServer;

beforeAll(async () => {
  server = await startScriptedOpenAiServer({ apiKey: KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

/** Agents over the test database and the scripted server, with a fresh provider (circuit breaker, learned modes). */
const agentsWith = (llm: Record<string, string> = {}): Agents =>
  createAgents({
    config: loadConfig({
      LLM_BASE_URL: server.baseUrl,
      LLM_API_KEY: KEY,
      LLM_MODEL: 'scripted-model',
      LLM_TIMEOUT_MS: '2000',
      LLM_MAX_RETRIES: '1',
      LLM_PRICES: 'scripted-model=0.5:1.5',
      ...llm,
    }).llm,
    db: env().database.db,
    domain: env().domain,
    logger: env().logger,
    clock: env().clock,
  });

const newActor = async (): Promise<Actor> => ({
  userId: (await env().newUser('Robin', 'Europe/Berlin')).userId,
  via: 'chat',
});

const goodBreakdown = {
  steps: [
    { title: 'Open the garage door and switch on the light', minutes: 1 },
    { title: 'Pull everything off the left shelf', minutes: 15 },
    { title: 'Sort the pile into keep, donate and toss', minutes: 20 },
    { title: 'Put the keep pile back on the shelf', minutes: 10 },
  ],
  note: 'One shelf is plenty for today.',
};

const systemText = (request: ChatRequest) => String(request.messages[0]?.content ?? '');
const userText = (request: ChatRequest) => JSON.stringify(request.messages[1]?.content ?? '');

describe('breakdown through the real ChatOpenAI client', () => {
  it('uses a valid answer, requests JSON-schema output, and records tokens and cost', async () => {
    const agents = agentsWith();
    const actor = await newActor();
    const task = await createTask(env().domain, actor, { title: 'Clean the garage' });
    server.enqueue({
      kind: 'json',
      body: goodBreakdown,
      usage: { prompt_tokens: 1000, completion_tokens: 200 },
    });

    const result = await agents.breakDownTask(actor, { taskId: task.id, granularity: 4 });

    expect(result.meta).toEqual({ mode: 'ai', basicModeReason: null, notice: null, model: 'scripted-model' });
    expect(result.steps.map((s) => s.title)).toEqual(goodBreakdown.steps.map((s) => s.title));
    expect(result.steps[0]!.minutes).toBeLessThanOrEqual(2);
    expect(result.task).toEqual({ id: task.id, title: 'Clean the garage' });

    const [request] = server.chatRequests();
    expect(server.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.model).toBe('scripted-model');
    expect(request!.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'task_breakdown', strict: true },
    });
    expect(request!.response_format!.json_schema!.schema).toMatchObject({
      type: 'object',
      required: ['steps', 'note'],
    });
    expect(systemText(request!)).toContain('at most 2 minutes');
    expect(userText(request!)).toContain('<task>');
    expect(userText(request!)).toContain('Clean the garage');

    const usage = await agents.usageSummary(actor.userId);
    expect(usage).toMatchObject({
      calls: 1,
      failures: 0,
      inputTokens: 1000,
      outputTokens: 200,
      costUsd: 0.8,
    });
    expect(usage.byChain).toEqual([
      { chain: 'breakdown', calls: 1, failures: 0, inputTokens: 1000, outputTokens: 200, costUsd: 0.8 },
    ]);
  });

  it('falls back to basic mode on an answer that is not JSON, and still counts its tokens', async () => {
    const agents = agentsWith();
    const actor = await newActor();
    server.enqueue({
      kind: 'text',
      content: 'Sure! First, take a deep breath. Then open the garage...',
      usage: { prompt_tokens: 300, completion_tokens: 40 },
    });

    const result = await agents.breakDownTask(actor, { title: 'Clean the garage' });

    expect(result.meta).toMatchObject({ mode: 'basic', basicModeReason: 'invalid_output' });
    expect(result.meta.notice).toMatch(/basic mode/);
    expect(result.steps.length).toBeGreaterThanOrEqual(3);
    expect(result.steps[0]!.minutes).toBeLessThanOrEqual(2);
    const [row] = await agents.usage.list(actor.userId);
    expect(row).toMatchObject({
      chain: 'breakdown',
      outcome: 'invalid_output',
      inputTokens: 300,
      outputTokens: 40,
    });
  });

  it('falls back when valid JSON breaks the rules (a first step of 10 minutes)', async () => {
    const agents = agentsWith();
    server.enqueue({
      kind: 'json',
      body: {
        ...goodBreakdown,
        steps: [{ title: 'Empty the whole garage', minutes: 10 }, ...goodBreakdown.steps.slice(1)],
      },
    });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.basicModeReason).toBe('invalid_output');
  });

  it('falls back on a timeout without retrying it', async () => {
    const agents = agentsWith({ LLM_TIMEOUT_MS: '300' });
    server.enqueue({ kind: 'json', body: goodBreakdown, latencyMs: 5_000 });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.basicModeReason).toBe('timeout');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('retries a 5xx, then falls back', async () => {
    // LLM_TIMEOUT_MS covers the retries and their backoff (up to 2 s here): room enough that the 5xx is what ends it.
    const agents = agentsWith({ LLM_MAX_RETRIES: '1', LLM_TIMEOUT_MS: '10000' });
    server.enqueue({ kind: 'error', status: 503 }, { kind: 'error', status: 502 });
    const actor = await newActor();
    const result = await agents.breakDownTask(actor, { title: 'Clean the garage' });
    expect(result.meta.basicModeReason).toBe('unavailable');
    expect(server.chatRequests()).toHaveLength(2);
    expect((await agents.usageSummary(actor.userId)).failures).toBe(1);
  });

  it('retries a 429 after Retry-After and uses the answer', async () => {
    const agents = agentsWith({ LLM_TIMEOUT_MS: '10000' }); // the retry's backoff counts within the timeout
    server.enqueue(
      { kind: 'error', status: 429, retryAfter: '0', message: 'Rate limit reached' },
      { kind: 'json', body: goodBreakdown },
    );
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.mode).toBe('ai');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('does not keep the person waiting through a long Retry-After', async () => {
    const agents = agentsWith({ LLM_TIMEOUT_MS: '400', LLM_MAX_RETRIES: '1' });
    server.enqueue({ kind: 'error', status: 429, retryAfter: '30' }, { kind: 'json', body: goodBreakdown });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.mode).toBe('basic');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('falls back on a malformed response body', async () => {
    const agents = agentsWith();
    server.enqueue({ kind: 'malformed' });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.basicModeReason).toBe('invalid_output');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('stops calling a failing endpoint for a while (circuit breaker)', async () => {
    const agents = agentsWith({ LLM_MAX_RETRIES: '0' });
    server.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 500 },
    );
    const actor = await newActor();
    for (let i = 0; i < 3; i++)
      expect((await agents.breakDownTask(actor, { title: 'Clean the garage' })).meta.basicModeReason).toBe(
        'unavailable',
      );
    const fourth = await agents.breakDownTask(actor, { title: 'Clean the garage' });
    expect(fourth.meta.basicModeReason).toBe('circuit_open');
    expect(server.chatRequests()).toHaveLength(3);
  });
});

describe('servers with less of the API', () => {
  it('steps down to json_object when json_schema is refused, and remembers', async () => {
    const agents = agentsWith();
    server.setUnsupported(['json_schema']);
    server.enqueue({ kind: 'json', body: goodBreakdown }, { kind: 'json', body: goodBreakdown });
    const actor = await newActor();
    expect((await agents.breakDownTask(actor, { title: 'Clean the garage' })).meta.mode).toBe('ai');
    expect((await agents.breakDownTask(actor, { title: 'Clean the garage' })).meta.mode).toBe('ai');
    const formats = server.chatRequests().map((r) => r.response_format?.type);
    expect(formats).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(systemText(server.chatRequests()[1]!)).toContain('JSON Schema');
  });

  it('reads JSON out of prose and code fences in prompt mode', async () => {
    const agents = agentsWith({ LLM_STRUCTURED_OUTPUT: 'prompt' });
    server.enqueue({
      kind: 'text',
      content: `Here is the plan:\n\`\`\`json\n${JSON.stringify(goodBreakdown)}\n\`\`\`\nGood luck!`,
    });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.mode).toBe('ai');
    expect(server.chatRequests()[0]!.response_format).toBeUndefined();
  });

  it('uses a forced tool call in tool-calling mode', async () => {
    const agents = agentsWith({ LLM_STRUCTURED_OUTPUT: 'tool_calling' });
    server.enqueue({ kind: 'tool_call', name: 'task_breakdown', args: goodBreakdown });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.mode).toBe('ai');
    const [request] = server.chatRequests();
    expect(request!.tools?.[0]?.function.name).toBe('task_breakdown');
    expect(request!.tool_choice).toEqual({ type: 'function', function: { name: 'task_breakdown' } });
  });

  it('uses the per-chain model override', async () => {
    const agents = agentsWith({ LLM_MODEL_BREAKDOWN: 'tiny-planner' });
    server.enqueue({ kind: 'json', body: goodBreakdown });
    const result = await agents.breakDownTask(await newActor(), { title: 'Clean the garage' });
    expect(result.meta.model).toBe('tiny-planner');
    expect(server.chatRequests()[0]!.model).toBe('tiny-planner');
  });
});
