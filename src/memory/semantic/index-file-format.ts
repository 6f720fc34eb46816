import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/** What the file next to an index records, so a stale or foreign index is never trusted. */
export type IndexMeta = {
  format: 1;
  model: string;
  dimensions: number;
  m: number;
  efConstruction: number;
  /** The owner's change counter this index has caught up with (see semantic-store.ts). */
  syncedSeq: number;
  nextLabel: number;
  labels: Array<[key: string, label: number]>;
  /** A short tag per label that searches can filter on (e.g. a memory's kind). */
  facets: Array<[label: number, facet: string]>;
  /** Items seen without a vector (the embedder was down); retried on the next sync. */
  pending: string[];
  /** sha256 of the .hnsw file; checked before the native reader ever sees the bytes. */
  checksum: string;
};

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const writeAtomically = async (file: string, write: (tmp: string) => Promise<void>) => {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
};

/**
 * Writes the graph (through `writeGraph`, or removes the file when there is none) and then its meta, each
 * atomically (temporary file, then rename), the meta carrying the graph file's checksum.
 */
export const writeIndexFiles = async (
  indexFile: string,
  metaFile: string,
  writeGraph: ((file: string) => Promise<unknown>) | null,
  /** Read once the graph is written, so the meta describes what was written. */
  metaOf: () => Omit<IndexMeta, 'checksum'>,
) => {
  let checksum = '';
  if (writeGraph) {
    await writeAtomically(indexFile, async (tmp) => {
      await writeGraph(tmp);
      checksum = sha256(await readFile(tmp));
    });
  } else {
    await rm(indexFile, { force: true });
  }
  const meta: IndexMeta = { ...metaOf(), checksum };
  await writeAtomically(metaFile, (tmp) => writeFile(tmp, JSON.stringify(meta)));
};

/** The meta file's contents when well-formed; null otherwise. */
export const parseMeta = (text: string): IndexMeta | null => {
  try {
    const meta = JSON.parse(text) as Partial<IndexMeta>;
    const isValid =
      meta.format === 1 &&
      typeof meta.model === 'string' &&
      Number.isInteger(meta.dimensions) &&
      Number.isInteger(meta.syncedSeq) &&
      Number.isInteger(meta.nextLabel) &&
      Array.isArray(meta.labels) &&
      Array.isArray(meta.facets) &&
      Array.isArray(meta.pending) &&
      typeof meta.checksum === 'string';
    return isValid ? (meta as IndexMeta) : null;
  } catch {
    return null;
  }
};
