/** Turns text into vectors. Vectors from different `model`s (or dimensions) are never mixed in one index. */
export type Embedder = {
  /** Names the vector space, e.g. `offline-hash-v1` or `text-embedding-3-small`; part of every index's identity. */
  readonly model: string;
  /** Known up front for the offline embedder; a remote one may only learn it from its first answer. */
  readonly dimensions: number | undefined;
  /** One vector per text, same order. Rejects (never returns partial results) when the provider fails. */
  embedDocuments: (texts: string[]) => Promise<number[][]>;
  embedQuery: (text: string) => Promise<number[]>;
};

/** Scales a vector to unit length; the zero vector stays zero. */
export const normalize = (vector: ArrayLike<number>): number[] => {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = norm > 0 ? vector[i]! / norm : 0;
  return out;
};

/** True when a provider's answer is usable: the expected length, finite numbers, not all zero. */
export const isUsableVector = (vector: unknown, dimensions?: number): vector is number[] => {
  if (!Array.isArray(vector) || vector.length === 0) return false;
  if (dimensions !== undefined && vector.length !== dimensions) return false;
  let nonZero = false;
  for (const v of vector) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    if (v !== 0) nonZero = true;
  }
  return nonZero;
};
