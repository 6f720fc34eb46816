import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryService } from '../src/memory/index.js';
import { newId } from '../src/shared/ids.js';
import { useMemoryEnv } from './support/memory-env.js';

const env = useMemoryEnv();

const activities = [
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
  'groceries',
  'meds',
  'plants',
  'garage',
  'slides',
  'homework',
  'calls',
  'car',
];
const frames = [
  'A timer helped with {a} on {d}',
  'Avoids {a} when tired on {d}',
  'Promised to finish {a} by {d}',
  'Prefers {a} with music on {d}',
  'Gets overwhelmed by {a} on {d}',
];
const days = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'weekends',
  'holidays',
  'rainy days',
];
// The same 1,000 texts for both people: nothing but ownership can keep their results apart.
const texts = activities.flatMap((a) =>
  frames.flatMap((f) => days.map((d) => f.replace('{a}', a).replace('{d}', d))),
);
const queries = [
  ...texts.filter((_, i) => i % 100 === 0),
  'music while doing the laundry',
  'tax paperwork is overwhelming',
  'what helped with the dishes',
  'promised something for Friday',
  'dentist',
];

const kinds = ['preference', 'trigger', 'what_helped', 'commitment', 'fact'] as const;

describe('isolation between people', () => {
  const alice = newId('usr');
  const bob = newId('usr');
  const owned = new Map<string, Set<string>>();
  let memory: MemoryService;

  beforeAll(async () => {
    memory = env().start();
    for (const userId of [alice, bob]) {
      const results = await memory.rememberMany(
        { userId, via: 'api' },
        texts.map((text, i) => ({ text, kind: kinds[i % kinds.length]!, importance: 1 + (i % 5) })),
      );
      owned.set(userId, new Set(results.map((r) => r.memory.id)));
      await memory.indexTask(userId, {
        taskId: `task_${userId}`,
        text: 'Do the taxes with a timer on Friday',
      });
    }
  }, 120_000);

  it('stores 1,000 memories for each person', () => {
    expect(texts).toHaveLength(1_000);
    expect(owned.get(alice)?.size).toBe(1_000);
    expect(owned.get(bob)?.size).toBe(1_000);
  });

  it("never returns the other person's memories or tasks from recall", async () => {
    for (const query of queries) {
      for (const [userId, other] of [
        [alice, bob],
        [bob, alice],
      ] as const) {
        const result = await memory.recall(userId, { query, limit: 20, includeTasks: true });
        expect(result.memories.length).toBeGreaterThan(0);
        for (const m of result.memories) {
          expect(owned.get(userId)?.has(m.id)).toBe(true);
          expect(owned.get(other)?.has(m.id)).toBe(false);
        }
        expect(result.tasks.map((t) => t.taskId)).toEqual([`task_${userId}`]);
      }
    }
  }, 600_000); // FerretDB on SQLite is slow under load; the assertions, not the clock, are what this test checks

  it("never lists or puts in context the other person's memories", async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await memory.list(alice, { limit: 100, offset });
      seen.push(...page.memories.map((m) => m.id));
      if (!page.hasMore) break;
    }
    expect(seen).toHaveLength(1_000);
    expect(seen.every((id) => owned.get(alice)?.has(id))).toBe(true);
    const context = await memory.context(alice, { query: 'overwhelmed by taxes on Friday' });
    expect(context.facts.length).toBeGreaterThan(0);
    expect(context.facts.every((f) => owned.get(alice)?.has(f.id))).toBe(true);
  }, 300_000);

  it("cannot forget or correct the other person's memories", async () => {
    const bobsIds = [...owned.get(bob)!].slice(0, 5);
    expect(await memory.forget({ userId: alice, via: 'mcp' }, { ids: bobsIds })).toEqual({
      forgotten: [],
      notFound: bobsIds,
    });
    await expect(
      memory.remember({ userId: alice, via: 'mcp' }, { text: 'hijack', replaces: bobsIds[0] }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await memory.list(bob)).total).toBe(1_000);
  }, 120_000);

  it("keeps each person's index file to their own items", async () => {
    await memory.flush();
    const metas = (await readdir(env().indexDirectory)).filter((f) => f.endsWith('.json'));
    const aliceMeta = metas.find((f) => f.includes(alice));
    expect(aliceMeta).toBeDefined();
    const meta = JSON.parse(await readFile(join(env().indexDirectory, aliceMeta!), 'utf8')) as {
      labels: [string, number][];
    };
    const keys = meta.labels.map(([key]) => key);
    expect(
      keys
        .filter((k) => k.startsWith('memory:'))
        .every((k) => owned.get(alice)?.has(k.slice('memory:'.length))),
    ).toBe(true);
    expect(keys).toContain(`task:task_${alice}`);
    expect(keys).not.toContain(`task:task_${bob}`);
  });
});
