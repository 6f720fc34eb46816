import { createReward } from '../../src/domain/gamification/index.js';
import { logMood } from '../../src/domain/mood/index.js';
import { completeTask, createTask } from '../../src/domain/tasks/index.js';
import { createUser } from '../../src/domain/users/create-user.js';
import type { Deps } from '../../src/main.js';
import type { Clock } from '../../src/shared/clock.js';
import type { SeedPerson, SeedTask } from './scenario-schema.js';
import { parseSpan, resolveWhen } from './when.js';

export type SettableClock = Clock & { set: (at: Date | string) => void; advance: (ms: number) => void };

export type SeededPerson = { userId: string; taskIds: Map<string, string> };

const dueFields = (task: SeedTask, reference: Date, timezone: string) => {
  if (!task.due) return {};
  const when = resolveWhen(task.due, reference, timezone);
  return when.kind === 'day' ? { dueDate: when.date } : { dueAt: when.local };
};

/**
 * Creates a person and their state through the same use cases the app uses, each item at its own moment
 * (`ago` before the scenario's reference time), so "created three days ago" is what the data says.
 */
export const seedPerson = async (
  deps: Deps,
  clock: SettableClock,
  person: SeedPerson,
  options: { reference: Date; timezone: string; label: string },
): Promise<SeededPerson> => {
  const { reference, timezone } = options;
  const at = (ago: string | undefined) =>
    clock.set(new Date(reference.getTime() - (ago ? parseSpan(ago) : 0)));
  at('30d');
  const profile = await createUser(deps.domain, { name: person.name, timezone }, 'system');
  const userId = profile.id;
  const actor = { userId, via: 'system' as const };
  const taskIds = new Map<string, string>();

  // Oldest first, so creation order matches the story.
  const tasks = [...person.tasks].sort((a, b) => parseSpan(b.ago ?? '0s') - parseSpan(a.ago ?? '0s'));
  for (const task of tasks) {
    at(task.ago ?? '1h');
    const created = await createTask(deps.domain, actor, {
      title: task.title,
      ...(task.notes ? { notes: task.notes } : {}),
      ...dueFields(task, reference, timezone),
      ...(task.priority ? { priority: task.priority } : {}),
      ...(task.energy ? { energy: task.energy } : {}),
      ...(task.estimate ? { estimateMinutes: task.estimate } : {}),
      ...(task.recurrence ? { recurrence: task.recurrence } : {}),
      ...(task.reminders ? { reminders: task.reminders } : {}),
      ...(task.status === 'in_progress' ? { status: 'in_progress' as const } : {}),
    });
    taskIds.set(task.title, created.id);
    for (const step of task.steps ?? []) {
      await createTask(deps.domain, actor, { title: step, parentId: created.id });
    }
    if (task.status === 'done') {
      clock.advance(10 * 60_000);
      await completeTask(deps.domain, actor, created.id);
    }
  }
  for (const mood of person.moods) {
    at(mood.ago ?? '2h');
    await logMood(deps.domain, actor, {
      mood: mood.mood,
      energy: mood.energy,
      ...(mood.note ? { note: mood.note } : {}),
      tags: mood.tags ?? [],
    });
  }
  at('1h');
  for (const memory of person.memories) {
    await deps.memory.remember({ userId, via: 'system' }, { text: memory.text, kind: memory.kind });
  }
  for (const reward of person.rewards) {
    await createReward(deps.domain, actor, { title: reward.title, cost: reward.cost });
  }
  if (person.points > 0) {
    await deps.domain.ledger.award(userId, {
      key: `eval_seed:${options.label}`,
      reason: 'earlier_progress',
      points: person.points,
    });
  }
  clock.set(reference);
  return { userId, taskIds };
};
