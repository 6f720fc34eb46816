import { normalize, type Embedder } from './embedder.js';

/** The offline embedder's vector space; bump the version whenever features or hashing change. */
export const OFFLINE_EMBEDDER_MODEL = 'offline-hash-v1';
export const OFFLINE_EMBEDDER_DEFAULT_DIMENSIONS = 256;

export type OfflineEmbedderOptions = { dimensions?: number };

// Words that say little about what a memory is about; dropping them lets the content words decide similarity.
const stopwords = new Set(
  (
    'a an the and or but if then so of to in on at by for with from as into about over after before is am are was ' +
    'were be been being do does did have has had i me my mine we us our you your he him his she her it its they ' +
    'them their this that these those there here what which who whom when where why how all any some just very ' +
    'really can could would should will shall may might must also too than not no nor only own same such up out ' +
    'off again once more most other'
  ).split(' '),
);

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.7;
const TRIGRAMS_PER_WORD_WEIGHT = 1;

/** A crude English suffix stripper: enough to meet "mornings" with "morning" and "walked" with "walk". */
export const stem = (word: string): string => {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  const rules: Array<[RegExp, string]> = [
    [/ies$/, 'y'],
    [/(ss)$/, '$1'],
    [/(\w{3,})ings?$/, '$1'],
    [/(\w{3,})edly$/, '$1'],
    [/(\w{3,})ed$/, '$1'],
    [/(\w{3,})ly$/, '$1'],
    [/(\w{2,}[^siu])s$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
};

/** Lower-cased words without accents or punctuation, stopwords removed. */
export const contentWords = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !stopwords.has(word));

// 32-bit FNV-1a, then the murmur3 finalizer so that low bits (the bucket) and the top bit (the sign) are independent.
const hash = (feature: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

const features = (text: string): Map<string, number> => {
  const weights = new Map<string, number>();
  const add = (feature: string, weight: number) => weights.set(feature, (weights.get(feature) ?? 0) + weight);
  const words = contentWords(text);
  const stems = words.map(stem);
  for (const s of stems) add(`w:${s}`, WORD_WEIGHT);
  for (let i = 1; i < stems.length; i++) add(`b:${stems[i - 1]!} ${stems[i]!}`, BIGRAM_WEIGHT);
  for (const word of words) {
    const padded = `<${word}>`;
    const count = Math.max(1, padded.length - 2); // spread so each word's trigrams carry a fixed share of its length
    for (let i = 0; i + 3 <= padded.length; i++)
      add(`c:${padded.slice(i, i + 3)}`, TRIGRAMS_PER_WORD_WEIGHT / Math.sqrt(count));
  }
  return weights;
};

/** Embeds one text: signed feature hashing of words, word pairs and character trigrams, unit length. */
export const embedOffline = (text: string, dimensions: number): number[] => {
  const vector = new Float64Array(dimensions);
  const weights = features(text);
  // Text without content words (e.g. only stopwords) still gets a stable, non-zero direction of its own.
  if (weights.size === 0) weights.set(`empty:${text.trim().toLowerCase()}`, 1);
  for (const [feature, weight] of weights) {
    const h = hash(feature);
    const sign = h & 0x80000000 ? -1 : 1;
    // Sub-linear term frequency: a word said three times is not three times as important.
    vector[h % dimensions]! += sign * (weight > 1 ? 1 + Math.log(weight) : weight);
  }
  return normalize(vector);
};

/**
 * An embedder that needs no network and no model download. It matches shared words, word stems, word pairs and
 * spelling variants; it does not know synonyms or meaning (see docs/memory.md for its limits).
 */
export const createOfflineEmbedder = ({
  dimensions = OFFLINE_EMBEDDER_DEFAULT_DIMENSIONS,
}: OfflineEmbedderOptions = {}): Embedder => {
  if (!Number.isInteger(dimensions) || dimensions < 16 || dimensions > 4096) {
    throw new RangeError('offline embedder dimensions must be a whole number between 16 and 4096');
  }
  return {
    model: OFFLINE_EMBEDDER_MODEL,
    dimensions,
    embedDocuments: async (texts) => texts.map((text) => embedOffline(text, dimensions)),
    embedQuery: async (text) => embedOffline(text, dimensions),
  };
};
