import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, createOpenAiEmbedder } from '../src/agents/embeddings/index.js';
import { loadConfig } from '../src/config.js';
import { OFFLINE_EMBEDDER_MODEL } from '../src/memory/index.js';
import { newId } from '../src/shared/ids.js';
import {
  fakeVector,
  startFakeEmbeddingsServer,
  type FakeEmbeddingsServer,
} from './support/fake-embeddings-server.js';
import { useMemoryEnv } from './support/memory-env.js';

const env = useMemoryEnv();
let server: FakeEmbeddingsServer;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer();
});
afterAll(async () => {
  await server.close();
});

const options = (overrides: Partial<Parameters<typeof createOpenAiEmbedder>[0]> = {}) => ({
  baseUrl: server.url,
  apiKey: 'sk-test-secret',
  model: 'text-embedding-3-small',
  timeoutMs: 2_000,
  maxRetries: 0,
  ...overrides,
});

describe('OpenAI-compatible embedder', () => {
  it('embeds documents and queries through the real client, with the key, model and dimensions configured', async () => {
    const embedder = createOpenAiEmbedder(options({ dimensions: 16 }));
    const [a, b] = await embedder.embedDocuments(['first note', 'second note']);
    expect(a).toHaveLength(16);
    expect(a![0]).toBeCloseTo(fakeVector('first note', 16)[0]!, 5);
    expect(b).not.toEqual(a);
    expect(await embedder.embedQuery('first note')).toEqual(a);
    const request = server.requests.at(-1)!;
    expect(request.authorization).toBe('Bearer sk-test-secret');
    expect(request.body).toMatchObject({
      model: 'text-embedding-3-small',
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(embedder.dimensions).toBe(16);
  });

  it('learns the dimension from the first answer when none is configured', async () => {
    const embedder = createOpenAiEmbedder(options({ apiKey: undefined }));
    expect(embedder.dimensions).toBeUndefined();
    await embedder.embedQuery('hello');
    expect(embedder.dimensions).toBe(24);
    expect(server.requests.at(-1)?.body).not.toHaveProperty('dimensions');
  });

  it('retries a server error within its bounds, then succeeds', async () => {
    const embedder = createOpenAiEmbedder(options({ maxRetries: 1 }));
    server.script({ status: 500 });
    const before = server.requests.length;
    expect(await embedder.embedQuery('retry me')).toHaveLength(24);
    expect(server.requests.length - before).toBe(2);
  });

  it('fails with a safe UNAVAILABLE error on timeouts and refusals, never leaking the key', async () => {
    const slow = createOpenAiEmbedder(options({ timeoutMs: 200 }));
    server.script({ delayMs: 1_000 });
    const timeout = await slow.embedQuery('slow').catch((error: unknown) => error);
    expect(timeout).toMatchObject({ code: 'UNAVAILABLE' });
    server.script({ status: 401, body: { error: { message: 'bad key sk-test-secret' } } });
    const refused = await slow.embedQuery('refused').catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The embeddings service is not reachable right now.',
    });
    expect(JSON.stringify(refused)).not.toContain('sk-test-secret');
  });

  it('rejects answers of the wrong size instead of indexing them', async () => {
    const embedder = createOpenAiEmbedder(options({ dimensions: 16 }));
    server.script({
      status: 200,
      body: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1, 2, 3] }] },
    });
    await expect(embedder.embedQuery('short')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('choosing the embedder from configuration', () => {
  it('uses the offline embedder without a base URL and the endpoint with one', () => {
    expect(createEmbedder(loadConfig({}).embeddings).model).toBe(OFFLINE_EMBEDDER_MODEL);
    const remote = createEmbedder(
      loadConfig({
        EMBEDDINGS_BASE_URL: server.url,
        EMBEDDINGS_MODEL: 'nomic-embed-text',
        EMBEDDINGS_DIMENSIONS: '32',
      }).embeddings,
    );
    expect(remote).toMatchObject({ model: 'nomic-embed-text', dimensions: 32 });
  });

  it('explains missing or contradictory settings', () => {
    expect(() => loadConfig({ EMBEDDINGS_BASE_URL: server.url })).toThrow(/EMBEDDINGS_MODEL/);
    expect(() => loadConfig({ EMBEDDINGS_API_KEY: 'sk-x' })).toThrow(/EMBEDDINGS_BASE_URL/);
    expect(() => loadConfig({ EMBEDDINGS_DIMENSIONS: '3' })).toThrow(/EMBEDDINGS_DIMENSIONS/);
  });
});

describe('memory over the OpenAI-compatible embedder', () => {
  it('remembers and recalls through the endpoint, and falls back to keywords while it is down', async () => {
    const memory = env().start({ embedder: createOpenAiEmbedder(options({ dimensions: 32 })) });
    const userId = newId('usr');
    const stored = await memory.remember(
      { userId, via: 'chat' },
      { kind: 'preference', text: 'Likes lo-fi music for focus' },
    );
    const recalled = await memory.recall(userId, { query: 'Likes lo-fi music for focus' });
    expect(recalled).toMatchObject({ mode: 'semantic', memories: [{ id: stored.memory.id }] });

    server.script({ status: 503 });
    const fallback = await memory.recall(userId, { query: 'music focus' });
    expect(fallback).toMatchObject({ mode: 'keyword', memories: [{ id: stored.memory.id }] });
  });
});
