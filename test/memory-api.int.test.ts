import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2025-06-02T09:00:00Z');
const env = useTestEnv({ clock });

type Memory = { id: string; text: string; kind: string; supersedes: string | null };

describe('memories over REST', () => {
  it('lists, corrects and forgets what the assistant remembers, for its owner only', async () => {
    const ada = await env().newUser('Ada');
    const bo = await env().newUser('Bo');
    const first = await env().call(ada, 'POST', '/api/v1/memories', {
      text: 'Ada works best with a 10-minute timer',
      kind: 'what_helped',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const original = first.body.memory as Memory;

    const corrected = await env().call(ada, 'POST', '/api/v1/memories', {
      text: 'Ada works best with a 25-minute timer',
      kind: 'what_helped',
      replaces: original.id,
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.superseded).toBe(original.id);

    const listed = await env().call(
      ada,
      'GET',
      '/api/v1/memories?tier=long_term&kinds=what_helped,preference',
    );
    expect(listed.status).toBe(200);
    expect((listed.body.memories as Memory[]).map((m) => m.text)).toEqual([
      'Ada works best with a 25-minute timer',
    ]);

    const found = await env().call(ada, 'POST', '/api/v1/memories/search', { query: 'timer' });
    expect(found.status).toBe(200);
    expect((found.body.memories as Memory[])[0]?.text).toBe('Ada works best with a 25-minute timer');

    // Bo sees nothing of Ada's and cannot forget it.
    expect((await env().call(bo, 'GET', '/api/v1/memories')).body.memories).toEqual([]);
    expect(
      (await env().call(bo, 'POST', '/api/v1/memories/search', { query: 'timer' })).body.memories,
    ).toEqual([]);
    const foreign = await env().call(bo, 'DELETE', `/api/v1/memories/${corrected.body.memory.id}`);
    expect(foreign.status).toBe(404);

    const forgotten = await env().call(ada, 'DELETE', `/api/v1/memories/${corrected.body.memory.id}`);
    expect(forgotten.status).toBe(204);
    expect((await env().call(ada, 'GET', '/api/v1/memories')).body.memories).toEqual([]);
    expect((await env().call(ada, 'DELETE', `/api/v1/memories/${corrected.body.memory.id}`)).status).toBe(
      404,
    );
  });

  it('rejects bad input with the field named', async () => {
    const user = await env().newUser();
    const badKind = await env().call(user, 'GET', '/api/v1/memories?kinds=gossip');
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/kinds/);
    const empty = await env().call(user, 'POST', '/api/v1/memories', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/text/);
    const noToken = await env().app.request('/api/v1/memories');
    expect(noToken.status).toBe(401);
  });
});

describe('LLM usage over REST', () => {
  it("shows a person's own calls and cost, and nobody else's", async () => {
    const ada = await env().newUser('Ada');
    const bo = await env().newUser('Bo');
    await env().agents.usage.record({
      userId: ada.userId,
      chain: 'breakdown',
      model: 'gpt-4o-mini',
      mode: 'json_schema',
      outcome: 'ok',
      inputTokens: 1200,
      outputTokens: 300,
      costUsd: 0.00036,
      latencyMs: 850,
    });
    const mine = await env().call(ada, 'GET', '/api/v1/usage?days=7');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ calls: 1, inputTokens: 1200, outputTokens: 300, costUsd: 0.00036 });
    expect(mine.body.byChain).toEqual([expect.objectContaining({ chain: 'breakdown', calls: 1 })]);
    const theirs = await env().call(bo, 'GET', '/api/v1/usage');
    expect(theirs.body).toMatchObject({ calls: 0, costUsd: 0, byChain: [] });
    expect((await env().call(ada, 'GET', '/api/v1/usage?days=0')).status).toBe(400);
  });
});
