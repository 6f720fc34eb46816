// τ-bench's pass^k: the chance that k independent runs of a scenario all pass, estimated without bias from n ≥ k
// runs with c passes as C(c,k)/C(n,k), then averaged over scenarios. pass^1 is the plain pass rate.

/** n choose k as a float (exact for the small n an eval uses). */
export const choose = (n: number, k: number): number => {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
};

/** One scenario's pass^k from c passes in n runs. */
export const passHatK = (passes: number, runs: number, k: number): number => {
  if (k > runs) throw new Error(`pass^${k} needs at least ${k} runs, got ${runs}`);
  return choose(passes, k) / choose(runs, k);
};

export type Outcome = { passes: number; runs: number };

/** The mean pass^k over scenarios; NaN when there are none. */
export const meanPassHatK = (outcomes: Outcome[], k: number): number =>
  outcomes.length === 0
    ? Number.NaN
    : outcomes.reduce((sum, o) => sum + passHatK(o.passes, o.runs, k), 0) / outcomes.length;

/** The q-th percentile (0..100), nearest rank. */
export const percentile = (samples: number[], q: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))]!;
};
