import { randomBytes } from 'node:crypto';
import { link, readFile, rm } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import { parseMeta, sha256, writeIndexFiles } from './semantic/index-file-format.js';

export type { IndexMeta } from './semantic/index-file-format.js';

/** HNSW graph parameters; see docs/memory.md for how they were chosen on the 100,000-memory bench. */
export type IndexParams = { m: number; efConstruction: number; efSearch: number };

export const defaultIndexParams: IndexParams = { m: 16, efConstruction: 128, efSearch: 96 };

export type VectorHit = { key: string; distance: number };

/** One user's nearest-neighbour index: string keys outside, integer labels inside hnswlib. */
export type VectorIndex = {
  readonly model: string;
  readonly dimensions: number;
  syncedSeq: number;
  readonly pending: Set<string>;
  size: () => number;
  has: (key: string) => boolean;
  keys: () => string[];
  /** Adds or replaces the vector of `key`, with an optional tag to filter on. */
  upsert: (key: string, vector: number[], facet?: string) => void;
  remove: (key: string) => boolean;
  /** Up to `k` nearest live items by cosine distance (0 = same direction), nearest first; `accept` filters inside the graph search. */
  search: (
    vector: number[],
    k: number,
    ef?: number,
    accept?: (key: string, facet: string) => boolean,
  ) => VectorHit[];
  /** Writes the index and its meta atomically (temporary files, then rename). */
  save: (indexFile: string, metaFile: string) => Promise<void>;
};

export type LoadResult =
  | { ok: true; index: VectorIndex }
  | { ok: false; reason: 'missing' | 'corrupt' | 'model_changed' | 'params_changed' };

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** An empty graph whose deleted slots are reused by later inserts. */
const newGraph = (dimensions: number, params: IndexParams): Hnsw => {
  const graph = new HierarchicalNSW('cosine', dimensions);
  graph.initIndex({
    maxElements: 64,
    m: params.m,
    efConstruction: params.efConstruction,
    allowReplaceDeleted: true,
  });
  return graph;
};

/** The `VectorIndex` over an hnswlib graph (none until the first insert) and its key/label maps. */
const wrap = (
  hnsw: Hnsw | undefined,
  spec: { model: string; dimensions: number; params: IndexParams },
  state: {
    syncedSeq: number;
    nextLabel: number;
    labels: Map<string, number>;
    facets: Map<number, string>;
    pending: Set<string>;
  },
): VectorIndex => {
  let graph = hnsw;
  let { nextLabel } = state;
  const { labels, facets } = state;
  const keysByLabel = new Map<number, string>([...labels].map(([key, label]) => [label, key]));
  let deletedSlots = graph ? graph.getCurrentCount() - labels.size : 0;

  const ensureGraph = (): Hnsw => {
    if (graph) {
      // A deleted slot is reused by the next insert; only a graph without holes needs to grow.
      if (deletedSlots === 0 && graph.getCurrentCount() >= graph.getMaxElements()) {
        graph.resizeIndex(Math.max(64, graph.getMaxElements() * 2));
      }
      return graph;
    }
    graph = newGraph(spec.dimensions, spec.params);
    return graph;
  };

  const index: VectorIndex = {
    model: spec.model,
    dimensions: spec.dimensions,
    syncedSeq: state.syncedSeq,
    pending: state.pending,
    size: () => labels.size,
    has: (key) => labels.has(key),
    keys: () => [...labels.keys()],
    upsert: (key, vector, facet = '') => {
      if (vector.length !== spec.dimensions) {
        throw new RangeError(`vector has ${vector.length} dimensions, the index ${spec.dimensions}`);
      }
      const g = ensureGraph();
      const existing = labels.get(key);
      if (existing !== undefined) {
        g.addPoint(vector, existing, false);
        if (facet) facets.set(existing, facet);
        else facets.delete(existing);
        return;
      }
      const label = nextLabel++;
      g.addPoint(vector, label, true);
      if (deletedSlots > 0) deletedSlots--;
      labels.set(key, label);
      keysByLabel.set(label, key);
      if (facet) facets.set(label, facet);
    },
    remove: (key) => {
      const label = labels.get(key);
      if (label === undefined || !graph) return false;
      graph.markDelete(label);
      labels.delete(key);
      keysByLabel.delete(label);
      facets.delete(label);
      deletedSlots++;
      return true;
    },
    search: (vector, k, ef = spec.params.efSearch, accept) => {
      if (!graph || labels.size === 0 || k <= 0) return [];
      const wanted = Math.min(k, labels.size);
      graph.setEf(Math.max(ef, wanted));
      const filter = accept
        ? (label: number) => {
            const key = keysByLabel.get(label);
            return key !== undefined && accept(key, facets.get(label) ?? '');
          }
        : undefined;
      const { neighbors, distances } = graph.searchKnn(vector, wanted, filter);
      const hits: VectorHit[] = [];
      neighbors.forEach((label, i) => {
        const key = keysByLabel.get(label);
        if (key !== undefined) hits.push({ key, distance: distances[i]! });
      });
      return hits;
    },
    save: async (indexFile, metaFile) => {
      const g = graph && graph.getCurrentCount() > 0 ? graph : null;
      await writeIndexFiles(indexFile, metaFile, g && ((file) => g.writeIndex(file)), () => ({
        format: 1,
        model: spec.model,
        dimensions: spec.dimensions,
        m: spec.params.m,
        efConstruction: spec.params.efConstruction,
        syncedSeq: index.syncedSeq,
        nextLabel,
        labels: [...labels],
        facets: [...facets],
        pending: [...index.pending],
      }));
    },
  };
  return index;
};

/** A new, empty index for one vector space. */
export const createVectorIndex = (
  model: string,
  dimensions: number,
  params: IndexParams = defaultIndexParams,
): VectorIndex =>
  wrap(
    undefined,
    { model, dimensions, params },
    { syncedSeq: 0, nextLabel: 0, labels: new Map(), facets: new Map(), pending: new Set() },
  );

/**
 * Loads a saved index when it can be trusted: present, intact (checksum), for the same embedding model and
 * dimension, and built with the same graph parameters. Otherwise says why, and the caller rebuilds.
 */
export const loadVectorIndex = async (
  indexFile: string,
  metaFile: string,
  expected: { model: string; dimensions?: number; params?: IndexParams },
): Promise<LoadResult> => {
  const params = expected.params ?? defaultIndexParams;
  let metaText: string;
  try {
    metaText = await readFile(metaFile, 'utf8');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  const meta = parseMeta(metaText);
  if (!meta) return { ok: false, reason: 'corrupt' };
  if (
    meta.model !== expected.model ||
    (expected.dimensions !== undefined && meta.dimensions !== expected.dimensions)
  ) {
    return { ok: false, reason: 'model_changed' };
  }
  if (meta.m !== params.m || meta.efConstruction !== params.efConstruction)
    return { ok: false, reason: 'params_changed' };
  const spec = { model: meta.model, dimensions: meta.dimensions, params };
  const state = {
    syncedSeq: meta.syncedSeq,
    nextLabel: meta.nextLabel,
    labels: new Map(meta.labels),
    facets: new Map(meta.facets),
    pending: new Set(meta.pending),
  };
  if (meta.checksum === '') {
    return meta.labels.length === 0
      ? { ok: true, index: wrap(undefined, spec, state) }
      : { ok: false, reason: 'corrupt' };
  }
  // Writers only ever rename whole files into place, so a hard link pins one complete version: the bytes we
  // checksum are exactly the bytes the native reader parses, even if another process saves meanwhile.
  const pinned = `${indexFile}.${process.pid}.${randomBytes(4).toString('hex')}.read`;
  const graph = new HierarchicalNSW('cosine', meta.dimensions);
  try {
    await link(indexFile, pinned);
    if (sha256(await readFile(pinned)) !== meta.checksum) return { ok: false, reason: 'corrupt' };
    await graph.readIndex(pinned, true);
  } catch (error) {
    const isMissing = (error as { code?: unknown }).code === 'ENOENT';
    return { ok: false, reason: isMissing ? 'missing' : 'corrupt' };
  } finally {
    await rm(pinned, { force: true });
  }
  const stored = new Set(graph.getIdsList());
  const labelsAreConsistent =
    graph.getNumDimensions() === meta.dimensions &&
    meta.labels.every(([, label]) => label < meta.nextLabel && stored.has(label));
  if (!labelsAreConsistent) return { ok: false, reason: 'corrupt' };
  return { ok: true, index: wrap(graph, spec, state) };
};
