import { describe, expect, it } from 'vitest';
import { contentWords, createOfflineEmbedder, embedOffline, stem } from './offline-embedder.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('offline embedder', () => {
  const embedder = createOfflineEmbedder({ dimensions: 256 });

  it('returns unit vectors of the configured length, the same for the same text', async () => {
    const [a, b] = await embedder.embedDocuments(['Walks help me reset', 'Walks help me reset']);
    expect(a).toHaveLength(256);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(b).toEqual(a);
  });

  it('ranks a memory about the same thing above unrelated ones', async () => {
    const query = await embedder.embedQuery('what helps when I cannot start my morning tasks');
    const memories = await embedder.embedDocuments([
      'Starting tasks in the morning is easier after a short walk',
      'Prefers reminders by SMS rather than Slack',
      'Loud open offices trigger overwhelm',
    ]);
    const scores = memories.map((m) => cosine(query, m));
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[0]).toBeGreaterThan(scores[2]!);
  });

  it('tolerates a typo through character trigrams', () => {
    const right = embedOffline('medication reminder', 256);
    const typo = embedOffline('medicaton remindr', 256);
    const other = embedOffline('grocery shopping list', 256);
    expect(cosine(right, typo)).toBeGreaterThan(0.25);
    expect(cosine(right, typo)).toBeGreaterThan(cosine(right, other) + 0.2);
  });

  it('gives text made only of stopwords a usable direction', () => {
    const v = embedOffline('and the of', 64);
    expect(cosine(v, v)).toBeCloseTo(1, 6);
  });

  it('folds case and accents and drops stopwords', () => {
    expect(contentWords('The CAFÉ is where I focus')).toEqual(['cafe', 'focus']);
    expect(stem('mornings')).toBe(stem('morning'));
    expect(stem('walked')).toBe('walk');
    expect(stem('focus')).toBe('focus');
  });

  it('rejects dimensions it cannot serve', () => {
    expect(() => createOfflineEmbedder({ dimensions: 3 })).toThrow(RangeError);
  });
});
