import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { meanPassHatK, percentile, type Outcome } from './metrics.js';
import { isBroken } from './model-failures.js';
import type { RunResult } from './run-scenario.js';

export type Summary = {
  model: string;
  k: number;
  scenarios: number;
  passHat1: number;
  passHatK: number;
  safety: { scenarios: number; passHat1: number };
  categories: { category: string; scenarios: number; passHat1: number; passHatK: number }[];
  tags: Record<string, { scenarios: number; passHat1: number }>;
  latency: {
    turns: number;
    turnP50Ms: number;
    turnP95Ms: number;
    modelP50Ms: number;
    modelP95Ms: number;
    oursP50Ms: number;
    oursP95Ms: number;
    modelShare: number;
  };
  modelPath: { turnsWithModel: number; turns: number; scenariosWithModel: number };
  usage: { calls: number; inputTokens: number; outputTokens: number; costUsd: number };
  /**
   * Model calls that failed and were answered in basic mode, by where and why; `brokenTurns` counts turns where the
   * model path broke (hung, crashed, refused) and `crashedTurns` turns the conversation itself failed.
   */
  modelFailures: { byKind: Record<string, number>; brokenTurns: number; crashedTurns: number };
  failing: { id: string; category: string; passes: number; runs: number; reason: string }[];
};

const REPORTED_TAGS = ['fresh-batch-1', 'issue15-example'];

const outcomesOf = (results: RunResult[]): Map<string, Outcome & { runs: number; first: RunResult }> => {
  const map = new Map<string, Outcome & { first: RunResult }>();
  for (const r of results) {
    const o = map.get(r.id) ?? { passes: 0, runs: 0, first: r };
    o.runs += 1;
    if (r.pass) o.passes += 1;
    if (o.first.pass && !r.pass) o.first = r;
    map.set(r.id, o);
  }
  return map;
};

export const summarize = (results: RunResult[], model: string, k: number): Summary => {
  const outcomes = outcomesOf(results);
  const all = [...outcomes.values()];
  const pick = (keep: (r: RunResult) => boolean) => all.filter((o) => keep(o.first));
  const safety = pick((r) => r.safety);
  const categories = [...new Set(all.map((o) => o.first.category))].sort().map((category) => {
    const group = pick((r) => r.category === category);
    return {
      category,
      scenarios: group.length,
      passHat1: meanPassHatK(group, 1),
      passHatK: meanPassHatK(group, k),
    };
  });
  const tags = Object.fromEntries(
    REPORTED_TAGS.map((tag) => {
      const group = pick((r) => r.tags.includes(tag));
      return [tag, { scenarios: group.length, passHat1: meanPassHatK(group, 1) }];
    }),
  );
  const turns = results.flatMap((r) => r.turns).filter((t) => t.totalMs > 0);
  const total = turns.map((t) => t.totalMs);
  const modelMs = turns.map((t) => t.llmMs);
  const ours = turns.map((t) => Math.max(0, t.totalMs - t.llmMs));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const usedModel = (t: RunResult['turns'][number]) => t.llmMs > 0 || (t.modelRequests ?? 0) > 0;
  return {
    model,
    k,
    scenarios: all.length,
    passHat1: meanPassHatK(all, 1),
    passHatK: meanPassHatK(all, k),
    safety: { scenarios: safety.length, passHat1: meanPassHatK(safety, 1) },
    categories,
    tags,
    latency: {
      turns: turns.length,
      turnP50Ms: percentile(total, 50),
      turnP95Ms: percentile(total, 95),
      modelP50Ms: percentile(modelMs, 50),
      modelP95Ms: percentile(modelMs, 95),
      oursP50Ms: percentile(ours, 50),
      oursP95Ms: percentile(ours, 95),
      modelShare: sum(total) > 0 ? sum(modelMs) / sum(total) : 0,
    },
    modelPath: {
      turns: turns.length,
      turnsWithModel: turns.filter(usedModel).length,
      scenariosWithModel: new Set(results.filter((r) => r.turns.some(usedModel)).map((r) => r.id)).size,
    },
    usage: {
      calls: sum(results.map((r) => r.usage.calls)),
      inputTokens: sum(results.map((r) => r.usage.inputTokens)),
      outputTokens: sum(results.map((r) => r.usage.outputTokens)),
      costUsd: sum(results.map((r) => r.usage.costUsd)),
    },
    modelFailures: {
      byKind: turns
        .flatMap((t) => t.modelFailures ?? [])
        .reduce<Record<string, number>>(
          (counts, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }),
          {},
        ),
      brokenTurns: turns.filter((t) => (t.modelFailures ?? []).some(isBroken)).length,
      crashedTurns: results.flatMap((r) => r.turns).filter((t) => t.crashed).length,
    },
    failing: all
      .filter((o) => o.passes < o.runs)
      .map((o) => ({
        id: o.first.id,
        category: o.first.category,
        passes: o.passes,
        runs: o.runs,
        reason: o.first.failures[0] ?? 'failed',
      })),
  };
};

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${Math.round(x)} ms`);

const failureLine = (byKind: Record<string, number>) =>
  Object.entries(byKind)
    .sort()
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ') || 'none';

export const toMarkdown = (s: Summary, when: string): string => {
  const lines = [
    `# Scenario eval: ${s.model} (${when})`,
    '',
    `- scenarios: ${s.scenarios}, runs each: ${s.k}`,
    `- pass^1: **${pct(s.passHat1)}**${s.k > 1 ? `, pass^${s.k}: **${pct(s.passHatK)}**` : ''}`,
    `- safety: **${pct(s.safety.passHat1)}** of ${s.safety.scenarios} scenarios`,
    ...Object.entries(s.tags).map(
      ([tag, t]) => `- tag \`${tag}\`: ${pct(t.passHat1)} of ${t.scenarios} scenarios`,
    ),
    `- turns through the model: ${s.modelPath.turnsWithModel}/${s.modelPath.turns} (scenarios with a model call: ${s.modelPath.scenariosWithModel}/${s.scenarios})`,
    `- model failures answered in basic mode: ${failureLine(s.modelFailures.byKind)}; turns where the model path broke (timeout, 5xx, refused): ${s.modelFailures.brokenTurns}; turns that crashed: ${s.modelFailures.crashedTurns}`,
    `- tokens: ${s.usage.inputTokens} in, ${s.usage.outputTokens} out over ${s.usage.calls} calls; cost $${s.usage.costUsd.toFixed(4)}`,
    '',
    '## Latency per turn',
    '',
    '| | p50 | p95 |',
    '|---|---|---|',
    `| whole turn | ${ms(s.latency.turnP50Ms)} | ${ms(s.latency.turnP95Ms)} |`,
    `| in model calls | ${ms(s.latency.modelP50Ms)} | ${ms(s.latency.modelP95Ms)} |`,
    `| ours (turn minus model) | ${ms(s.latency.oursP50Ms)} | ${ms(s.latency.oursP95Ms)} |`,
    '',
    `Model share of total turn time: ${pct(s.latency.modelShare)} over ${s.latency.turns} turns.`,
    '',
    '## Per category',
    '',
    `| category | scenarios | pass^1 |${s.k > 1 ? ` pass^${s.k} |` : ''}`,
    `|---|---|---|${s.k > 1 ? '---|' : ''}`,
    ...s.categories.map(
      (c) =>
        `| ${c.category} | ${c.scenarios} | ${pct(c.passHat1)} |${s.k > 1 ? ` ${pct(c.passHatK)} |` : ''}`,
    ),
    '',
    `## Failing (${s.failing.length})`,
    '',
    ...s.failing.map(
      (f) => `- \`${f.id}\` (${f.category}, ${f.passes}/${f.runs}): ${f.reason.replace(/\s+/g, ' ')}`,
    ),
    '',
  ];
  return lines.join('\n');
};

/** `<dir>/<date>-<model>` without the extension. */
export const resultsBase = (dir: string, model: string): string =>
  join(dir, `${new Date().toISOString().slice(0, 10)}-${model.replace(/[^A-Za-z0-9._-]+/g, '_')}`);

/** Appends one run to the `.jsonl` as soon as it is judged, so an interrupted eval keeps what it measured. */
export const appendResult = async (dir: string, model: string, result: RunResult): Promise<void> => {
  await mkdir(dir, { recursive: true });
  await appendFile(`${resultsBase(dir, model)}.jsonl`, `${JSON.stringify(result)}\n`);
};

/** Writes `<dir>/<date>-<model>.md` (the summary) and `.jsonl` (one line per run, with every turn). */
export const writeResults = async (
  dir: string,
  summary: Summary,
  results: RunResult[],
): Promise<{ md: string; jsonl: string }> => {
  const date = new Date().toISOString().slice(0, 10);
  const base = resultsBase(dir, summary.model);
  await mkdir(dir, { recursive: true });
  await writeFile(`${base}.md`, toMarkdown(summary, date));
  await writeFile(`${base}.jsonl`, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { md: `${base}.md`, jsonl: `${base}.jsonl` };
};
