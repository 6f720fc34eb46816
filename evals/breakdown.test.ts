import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BreakdownResultSchema } from '../src/agents/index.js';
import { offlineBreakdown } from '../src/agents/chains/breakdown/offline.js';
import { learnPace, neutralPace } from '../src/agents/chains/breakdown/pace.js';
import { basicMeta } from '../src/agents/chains/chain-meta.js';

type Case = { title: string; notes: string | null };
const tasks = JSON.parse(readFileSync(new URL('./breakdown-tasks.json', import.meta.url), 'utf8')) as Case[];

const slowPace = learnPace({
  finishedStepMinutes: [5, 10, 5, 5],
  timed: [20, 30, 15, 45, 10].map((estimateMinutes) => ({
    estimateMinutes,
    actualMinutes: estimateMinutes * 2,
  })),
});

describe('offline breakdown on realistic tasks', () => {
  it('gives 3-8 steps with a first step of at most 2 minutes for every task, granularity and pace', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    let checked = 0;
    for (const task of tasks) {
      for (const granularity of [1, 2, 3, 4, 5]) {
        for (const pace of [neutralPace, slowPace]) {
          const result = BreakdownResultSchema.parse({
            ...offlineBreakdown({ title: task.title, notes: task.notes, granularity }, pace),
            meta: basicMeta('not_configured'),
          });
          checked += 1;
          const count = result.steps.length;
          const first = result.steps[0]!;
          if (count < 3 || count > 8) problems.push(`${task.title} (g${granularity}): ${count} steps`);
          if (first.minutes > 2)
            problems.push(`${task.title} (g${granularity}): first step takes ${first.minutes} min`);
          if (new Set(result.steps.map((s) => s.title)).size !== count)
            problems.push(`${task.title} (g${granularity}): repeated steps`);
        }
      }
    }
    console.log(
      `offline breakdown: ${checked - problems.length}/${checked} breakdowns of ${tasks.length} tasks meet the rules (3-8 steps, first ≤ 2 min, no repeats)`,
    );
    expect(problems).toEqual([]);
  });

  it('shows the default breakdown of a few tasks', () => {
    for (const task of tasks.slice(0, 3)) {
      const result = offlineBreakdown({ title: task.title, notes: task.notes }, neutralPace);
      console.log(
        `${task.title}\n${result.steps.map((s) => `  ${s.position}. ${s.title} (${s.minutes} min)`).join('\n')}`,
      );
      expect(result.steps[0]!.minutes).toBeLessThanOrEqual(2);
    }
  });
});
