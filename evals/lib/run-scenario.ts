import type { Deps } from '../../src/main.js';
import { checkEndState, checkReply } from './checks.js';
import { playTurns, type TurnRecord } from './drive.js';
import type { Scenario } from './scenario-schema.js';
import { seedPerson, type SettableClock } from './seed.js';
import { fingerprint, readState, type PersonState } from './state.js';
import { referenceInstant } from './when.js';

export type RunResult = {
  id: string;
  category: string;
  tags: string[];
  safety: boolean;
  run: number;
  pass: boolean;
  failures: string[];
  turns: TurnRecord[];
  usage: PersonState['usage'];
};

const usageDelta = (before: PersonState['usage'], after: PersonState['usage']): PersonState['usage'] => ({
  calls: after.calls - before.calls,
  inputTokens: after.inputTokens - before.inputTokens,
  outputTokens: after.outputTokens - before.outputTokens,
  costUsd: after.costUsd - before.costUsd,
});

/** One run of one scenario for a brand-new person (and, when seeded, a brand-new other person). */
export const runScenario = async (
  deps: Deps,
  clock: SettableClock,
  scenario: Scenario,
  run: number,
  countModelRequests?: () => number,
  takeModelFailures?: () => string[],
): Promise<RunResult> => {
  const reference = referenceInstant(scenario.now, scenario.timezone);
  const label = `${scenario.id}-r${run}`;
  // Reminder jobs of earlier scenarios are of no interest here; each run reads only its own.
  await deps.jobs.queues.reminders.obliterate({ force: true });
  const options = { reference, timezone: scenario.timezone };
  const other = scenario.other
    ? await seedPerson(deps, clock, scenario.other, { ...options, label: `${label}-other` })
    : undefined;
  const otherBefore = other ? fingerprint(await readState(deps, other.userId)) : '';
  const me = await seedPerson(deps, clock, scenario.seed, { ...options, label });
  const baseline = await readState(deps, me.userId);
  clock.set(reference);

  const turns = await playTurns(scenario.turns, {
    deps,
    clock,
    userId: me.userId,
    runLabel: label,
    otherTaskIds: other?.taskIds ?? new Map(),
    ...(countModelRequests ? { countModelRequests } : {}),
    ...(takeModelFailures ? { takeModelFailures } : {}),
  });

  const failures: string[] = [];
  const played = scenario.turns.filter((t) => !('wait' in t));
  played.forEach((turn, i) => {
    const record = turns[i];
    if (!record) return;
    const label = `turn ${i + 1} (${record.input.slice(0, 40)})`;
    if (record.error) failures.push(`${label}: ${record.error}`);
    const shown = { text: record.shown, hasButtons: record.hasButtons };
    if ('reply' in turn && turn.reply)
      failures.push(...checkReply(`reply to ${label}`, record.reply, turn.reply, shown));
    if (scenario.expect.replies)
      failures.push(...checkReply(`reply to ${label}`, record.reply, scenario.expect.replies, shown));
  });
  const final = await readState(deps, me.userId);
  failures.push(
    ...checkEndState(scenario.expect, { reference, timezone: scenario.timezone, baseline, final }),
  );
  if (other && fingerprint(await readState(deps, other.userId)) !== otherBefore)
    failures.push("the other person's data changed");

  return {
    id: scenario.id,
    category: scenario.category,
    tags: scenario.tags,
    safety: scenario.safety,
    run,
    pass: failures.length === 0,
    failures,
    turns,
    usage: usageDelta(baseline.usage, final.usage),
  };
};
