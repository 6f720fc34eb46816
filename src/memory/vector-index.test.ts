import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVectorIndex, loadVectorIndex } from './vector-index.js';

const unit = (values: number[]) => {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
};
const axis = (i: number, dims = 8) => unit(Array.from({ length: dims }, (_, j) => (j === i ? 1 : 0.01)));

describe('vector index', () => {
  let dir: string;
  let files: [string, string];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ff-vindex-'));
    files = [join(dir, 'u.hnsw'), join(dir, 'u.json')];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the nearest item, follows updates and forgets removed items', () => {
    const index = createVectorIndex('m', 8);
    for (let i = 0; i < 8; i++) index.upsert(`k${i}`, axis(i));
    expect(index.search(axis(3), 1)[0]?.key).toBe('k3');
    index.upsert('k3', axis(5));
    expect(index.search(axis(3), 1)[0]?.key).not.toBe('k3');
    expect(
      index
        .search(axis(5), 2)
        .map((h) => h.key)
        .sort(),
    ).toEqual(['k3', 'k5']);
    expect(index.remove('k5')).toBe(true);
    expect(index.search(axis(5), 8).map((h) => h.key)).not.toContain('k5');
    expect(index.size()).toBe(7);
  });

  it('grows past its initial capacity and reuses the slots of removed items', () => {
    const index = createVectorIndex('m', 8);
    for (let i = 0; i < 200; i++)
      index.upsert(`k${i}`, unit(Array.from({ length: 8 }, (_, j) => Math.sin(i * 7 + j * 3))));
    for (let i = 0; i < 100; i++) index.remove(`k${i}`);
    for (let i = 200; i < 300; i++)
      index.upsert(`k${i}`, unit(Array.from({ length: 8 }, (_, j) => Math.cos(i * 5 + j))));
    expect(index.size()).toBe(200);
    const keys = index.search(axis(0), 200).map((h) => h.key);
    expect(keys.filter((k) => Number(k.slice(1)) < 100)).toEqual([]);
  });

  it('saves and loads the same items and sync position', async () => {
    const index = createVectorIndex('m', 8);
    for (let i = 0; i < 8; i++) index.upsert(`k${i}`, axis(i));
    index.remove('k1');
    index.syncedSeq = 42;
    index.pending.add('k9');
    await index.save(...files);
    const loaded = await loadVectorIndex(...files, { model: 'm', dimensions: 8 });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.index.syncedSeq).toBe(42);
    expect([...loaded.index.pending]).toEqual(['k9']);
    expect(loaded.index.search(axis(6), 1)[0]?.key).toBe('k6');
    expect(loaded.index.has('k1')).toBe(false);
    loaded.index.upsert('k10', axis(1));
    expect(loaded.index.search(axis(1), 1)[0]?.key).toBe('k10');
  });

  it('refuses a missing, damaged or foreign index instead of trusting it', async () => {
    expect(await loadVectorIndex(...files, { model: 'm' })).toEqual({ ok: false, reason: 'missing' });
    const index = createVectorIndex('m', 8);
    index.upsert('a', axis(0));
    await index.save(...files);
    expect(await loadVectorIndex(...files, { model: 'other' })).toEqual({
      ok: false,
      reason: 'model_changed',
    });
    expect(await loadVectorIndex(...files, { model: 'm', dimensions: 16 })).toEqual({
      ok: false,
      reason: 'model_changed',
    });
    await writeFile(files[0], 'not an index at all');
    expect(await loadVectorIndex(...files, { model: 'm' })).toEqual({ ok: false, reason: 'corrupt' });
    await writeFile(files[1], '{"format":');
    expect(await loadVectorIndex(...files, { model: 'm' })).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('saves an empty index without a graph file', async () => {
    const index = createVectorIndex('m', 8);
    await index.save(...files);
    const loaded = await loadVectorIndex(...files, { model: 'm' });
    expect(loaded.ok && loaded.index.size()).toBe(0);
  });
});
