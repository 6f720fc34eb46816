import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/jobs-env.js';
import { startScriptedPlannerEnv, type PlannerTestEnv } from './support/planner-env.js';
import type { ScriptedOpenAiServer } from './support/scripted-openai-server.js';

// /metrics shows the LLM's calls, errors by kind, tokens and estimated cost (issue 22), counted in Redis so every
// process that calls the model adds to the numbers any app process serves. Driven by the real ChatOpenAI client
// against the scripted OpenAI-compatible server.

const TOKEN = 'metrics-token-for-llm-tests-0123456789';
let server: ScriptedOpenAiServer;
let env: PlannerTestEnv;
beforeAll(async () => {
  ({ server, env } = await startScriptedPlannerEnv({
    METRICS_TOKEN: TOKEN,
    LLM_PRICE_INPUT_PER_1K: '0.5',
    LLM_PRICE_OUTPUT_PER_1K: '2',
  }));
});
afterAll(async () => {
  await env?.close();
  await server?.close();
});

const scrape = async () =>
  (await env.deps().app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text();

/** The value of one sample line, or 0 when the series has none yet. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('LLM metrics', () => {
  it('counts calls, prompt and completion tokens and their estimated cost after a turn', async () => {
    const user = await env.newUser();
    server.respondWith(() => ({
      kind: 'text',
      content: 'Hello! What would you like to get done today?',
      usage: { prompt_tokens: 1000, completion_tokens: 500 },
    }));
    const { reply } = await env.say(user, 'hello there');
    expect(reply.basicMode).toBe(false);
    const text = await eventually('the counted call', async () => {
      const body = await scrape();
      return sample(body, 'focusforge_llm_calls{purpose="planner",outcome="ok"}') >= 1 && body;
    });
    expect(text).toMatch(/^# TYPE focusforge_llm_calls counter$/m);
    const calls = sample(text, 'focusforge_llm_calls{purpose="planner",outcome="ok"}');
    expect(sample(text, 'focusforge_llm_tokens{purpose="planner",type="prompt"}')).toBe(1000 * calls);
    expect(sample(text, 'focusforge_llm_tokens{purpose="planner",type="completion"}')).toBe(500 * calls);
    // 1000 prompt tokens at 0.5 per 1k plus 500 completion tokens at 2 per 1k: 1.5 per call.
    expect(sample(text, 'focusforge_llm_cost_usd{model="scripted-model"}')).toBeCloseTo(1.5 * calls, 6);
  });

  it('counts errors by kind: an HTTP 5xx and a timeout', async () => {
    const user = await env.newUser();
    server.respondWith(() => ({ kind: 'error', status: 503, message: 'overloaded' }));
    expect((await env.say(user, 'add task: water the plants')).reply.basicMode).toBe(true);
    await eventually(
      'the 5xx error',
      async () => sample(await scrape(), 'focusforge_llm_errors{purpose="planner",kind="http_5xx"}') >= 1,
    );

    server.respondWith(() => ({ kind: 'stall', after: 'headers' }));
    expect((await env.say(user, 'add task: call the bank')).reply.basicMode).toBe(true);
    const text = await eventually('the timeout', async () => {
      const body = await scrape();
      return sample(body, 'focusforge_llm_errors{purpose="planner",kind="timeout"}') >= 1 && body;
    });
    expect(
      sample(text, 'focusforge_llm_calls{purpose="planner",outcome="unavailable"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'focusforge_llm_calls{purpose="planner",outcome="timeout"}')).toBeGreaterThanOrEqual(
      1,
    );
    server.respondWith(null);
  }, 30_000);
});
