import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineEmbedder, type Embedder } from '../src/memory/index.js';
import { newId } from '../src/shared/ids.js';
import { useMemoryEnv } from './support/memory-env.js';

const env = useMemoryEnv();

const topics = [
  'dishes',
  'taxes',
  'gym',
  'email',
  'laundry',
  'dentist',
  'rent',
  'garden',
  'piano',
  'budget',
  'essay',
  'invoice',
];
const frames = [
  'A timer helped with the {t} in the morning',
  'Avoids {t} when tired after work',
  'Promised a friend to sort out the {t} this month',
  'Prefers doing {t} with music on',
  'Feels overwhelmed by {t} paperwork',
];
const texts = topics.flatMap((t) => frames.map((f) => f.replace('{t}', t)));
const queries = [
  'music while doing laundry',
  'overwhelmed by tax paperwork',
  'timer for dishes',
  'promised to pay rent',
  'tired gym',
];

const seed = async (memory: ReturnType<ReturnType<typeof env>['start']>, userId: string) => {
  await memory.rememberMany(
    { userId, via: 'api' },
    texts.map((text) => ({ kind: 'what_helped' as const, text })),
  );
};

const topIds = async (memory: ReturnType<ReturnType<typeof env>['start']>, userId: string) => {
  const results: string[][] = [];
  for (const query of queries) {
    const recalled = await memory.recall(userId, { query, limit: 5 });
    expect(recalled.mode).toBe('semantic');
    results.push(recalled.memories.map((m) => m.id));
  }
  return results;
};

const indexFiles = async (ext: string) =>
  (await readdir(env().indexDirectory)).filter((f) => f.endsWith(ext));

describe('semantic index persistence and rebuilds', () => {
  it('keeps data across a restart and answers with the same top results', async () => {
    const userId = newId('usr');
    const first = env().start();
    await seed(first, userId);
    const before = await topIds(first, userId);
    expect(before.every((ids) => ids.length === 5)).toBe(true);
    await first.close();

    const second = env().start();
    expect((await second.list(userId, { limit: 100 })).total).toBe(texts.length);
    expect(await topIds(second, userId)).toEqual(before);
  });

  it('rebuilds a deleted index file from MongoDB with the same top results', async () => {
    const userId = newId('usr');
    const first = env().start();
    await seed(first, userId);
    const before = await topIds(first, userId);
    await first.close();
    for (const file of await indexFiles('.hnsw')) await rm(join(env().indexDirectory, file));

    const second = env().start();
    expect(await topIds(second, userId)).toEqual(before);
    await second.flush();
    expect((await indexFiles('.hnsw')).length).toBeGreaterThan(0);
  });

  it('rebuilds a corrupt index file instead of trusting it', async () => {
    const userId = newId('usr');
    const first = env().start();
    await seed(first, userId);
    const before = await topIds(first, userId);
    await first.close();
    for (const file of await indexFiles('.hnsw'))
      await writeFile(join(env().indexDirectory, file), Buffer.alloc(4096, 7));
    for (const file of await indexFiles('.json'))
      await writeFile(join(env().indexDirectory, file), '{"format":1,');

    const second = env().start();
    expect(await topIds(second, userId)).toEqual(before);
  });

  it('rebuilds with new vectors when the embedding model or dimension changes', async () => {
    const userId = newId('usr');
    const first = env().start();
    await seed(first, userId);
    await first.close();

    const second = env().start({ embedder: createOfflineEmbedder({ dimensions: 128 }) });
    const recalled = await second.recall(userId, { query: 'overwhelmed by tax paperwork', limit: 1 });
    expect(recalled.memories[0]?.text).toBe('Feels overwhelmed by taxes paperwork');
    const vectors = await env()
      .database.db.collection('memory_vectors')
      .find({ userId, deleted: false })
      .toArray();
    expect(vectors.every((v) => (v.vector as { length: () => number }).length() === 128 * 4)).toBe(true);
  });

  it('lets another process see additions, corrections and removals without a restart', async () => {
    const userId = newId('usr');
    const writer = env().start();
    const reader = env().start({ indexDirectory: join(env().indexDirectory, 'other-node') });
    const actor = { userId, via: 'chat' as const };
    const a = await writer.remember(actor, {
      kind: 'preference',
      text: 'Likes planning the week on Sunday evening',
    });
    expect((await reader.recall(userId, { query: 'planning the week' })).memories.map((m) => m.id)).toEqual([
      a.memory.id,
    ]);

    const b = await writer.remember(actor, {
      kind: 'preference',
      text: 'Likes planning the week on Monday morning',
      replaces: a.memory.id,
    });
    expect((await reader.recall(userId, { query: 'planning the week' })).memories.map((m) => m.id)).toEqual([
      b.memory.id,
    ]);

    await writer.forget({ userId, via: 'chat' }, { ids: [b.memory.id] });
    expect((await reader.recall(userId, { query: 'planning the week' })).memories).toEqual([]);
  });
});

describe('semantic index maintenance', () => {
  it('drops removed items from another process index even after their removal markers are purged', async () => {
    const userId = newId('usr');
    const actor = { userId, via: 'chat' as const };
    const writer = env().start();
    const otherDirectory = join(env().indexDirectory, 'purge-node');
    const reader = env().start({ indexDirectory: otherDirectory });
    const gone = await writer.remember(actor, {
      kind: 'fact',
      text: 'Keeps a paper planner in the kitchen drawer',
    });
    const kept = await writer.remember(actor, {
      kind: 'fact',
      text: 'Keeps the planner app on the home screen',
    });
    expect((await reader.recall(userId, { query: 'planner' })).memories).toHaveLength(2);

    await writer.forget(actor, { ids: [gone.memory.id] });
    env().clock.advance(8 * 24 * 3_600_000);
    expect((await writer.sweep()).tombstonesPurged).toBeGreaterThanOrEqual(1);
    expect((await reader.recall(userId, { query: 'planner' })).memories.map((m) => m.id)).toEqual([
      kept.memory.id,
    ]);
    await reader.flush();
    const meta = (await readdir(otherDirectory)).find((f) => f.includes(userId) && f.endsWith('.json'))!;
    const labels = JSON.parse(await readFile(join(otherDirectory, meta), 'utf8')).labels as [
      string,
      number,
    ][];
    expect(labels.map(([key]) => key)).toEqual([`memory:${kept.memory.id}`]);
  });
});

describe('semantic index when the embeddings provider fails', () => {
  it('stores memories anyway, recalls by keyword meanwhile, and embeds them once the provider is back', async () => {
    let isDown = false;
    const offline = createOfflineEmbedder();
    const flaky: Embedder = {
      model: offline.model,
      dimensions: offline.dimensions,
      embedDocuments: (t) =>
        isDown ? Promise.reject(new Error('connection refused')) : offline.embedDocuments(t),
      embedQuery: (t) => (isDown ? Promise.reject(new Error('connection refused')) : offline.embedQuery(t)),
    };
    const memory = env().start({ embedder: flaky });
    const userId = newId('usr');
    await memory.remember(
      { userId, via: 'chat' },
      { kind: 'fact', text: 'Keeps the medication by the kettle' },
    );
    isDown = true;
    const stored = await memory.remember(
      { userId, via: 'chat' },
      { kind: 'what_helped', text: 'Alarm labelled with the medication name helped' },
    );
    const keyword = await memory.recall(userId, { query: 'medication alarm' });
    expect(keyword.mode).toBe('keyword');
    expect(keyword.memories[0]?.id).toBe(stored.memory.id);

    isDown = false;
    const semantic = await memory.recall(userId, { query: 'alarm for medication' });
    expect(semantic.mode).toBe('semantic');
    expect(semantic.memories.map((m) => m.id)).toContain(stored.memory.id);
  });
});

describe('tasks in the semantic index', () => {
  it('finds indexed tasks by meaning, and not once they are unindexed or expired', async () => {
    const memory = env().start();
    const userId = newId('usr');
    await memory.indexTask(userId, { taskId: 'task_a', text: 'Book the dentist appointment' });
    await memory.indexTask(userId, {
      taskId: 'task_b',
      text: 'Renew the passport',
      expiresAt: new Date(env().clock.now().getTime() + 60_000),
    });
    await memory.indexTask(userId, { taskId: 'task_c', text: 'Water the plants' });
    const found = await memory.recall(userId, { query: 'dentist appointment', includeTasks: true, limit: 1 });
    expect(found.tasks).toEqual([
      { taskId: 'task_a', text: 'Book the dentist appointment', score: expect.any(Number) },
    ]);
    await memory.unindexTasks(userId, ['task_a']);
    env().clock.advance(120_000);
    const after = await memory.recall(userId, { query: 'dentist appointment passport', includeTasks: true });
    expect(after.tasks.map((t) => t.taskId)).toEqual(['task_c']);
  });
});
