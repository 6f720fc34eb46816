import { getStreak, listMoods, listTasks, localDay, type Actor } from '../../domain/index.js';
import { memoryOf } from '../chains/memory-context.js';
import { runMotivation } from '../chains/motivation/run.js';
import type { MotivationResult } from '../chains/motivation/schema.js';
import { runPlanDay } from '../chains/plan-day/run.js';
import type { DayPlanResult } from '../chains/plan-day/schema.js';
import { loadMemory, loadPace, loadPerson } from './person-context.js';
import { MotivateInputSchema, PlanDayInputSchema, type MotivateInput, type PlanDayInput } from './schemas.js';
import type { ChainServiceDeps } from './service-deps.js';
import { ownTask } from './task-subject.js';

/** The chains about the person's day: encouragement from their recent wins, and a plan that fits their energy. */
export type CoachingChains = {
  motivate: (actor: Actor, input?: MotivateInput) => Promise<MotivationResult>;
  planDay: (actor: Actor, input?: PlanDayInput) => Promise<DayPlanResult>;
};

export const createCoachingChains = ({
  domain,
  logger,
  clock,
  memory,
  run,
}: ChainServiceDeps): CoachingChains => ({
  motivate: async (actor, raw = {}) => {
    const input = MotivateInputSchema.parse(raw);
    const task = input.taskId ? await ownTask(domain, actor, input.taskId) : null;
    const [person, moods, done, streak, context] = await Promise.all([
      loadPerson(domain, actor.userId),
      listMoods(domain, actor, { limit: 3 }),
      listTasks(domain, actor, { status: ['done'], sort: 'updated', limit: 5 }),
      getStreak(domain, actor),
      loadMemory(memory, actor.userId, task?.title ?? 'motivation encouragement what helps', logger),
    ]);
    const weekAgo = clock.now().getTime() - 7 * 86_400_000;
    return runMotivation(
      run,
      { userId: actor.userId, memory: context },
      {
        name: person.name,
        tone: person.preferences.tone,
        task: task && { title: task.title },
        recentMoods: moods.map((m) => ({ mood: m.mood, energy: m.energy, at: m.at })),
        wins: done.items
          .filter((t) => t.completedAt && Date.parse(t.completedAt) >= weekAgo)
          .map((t) => ({ title: t.title, completedAt: t.completedAt! })),
        streakDays: streak.current,
        whatHelped: memoryOf(context, ['what_helped']),
        seed: `${actor.userId}:${localDay(clock.now(), person.timezone)}:${task?.id ?? ''}`,
      },
    );
  },

  planDay: async (actor, raw = {}) => {
    const input = PlanDayInputSchema.parse(raw);
    const [person, pace, open, moods, context] = await Promise.all([
      loadPerson(domain, actor.userId),
      loadPace(domain, actor, logger),
      listTasks(domain, actor, { limit: 100 }),
      listMoods(domain, actor, { limit: 1 }),
      loadMemory(memory, actor.userId, 'plan my day', logger),
    ]);
    const latest = moods[0];
    const today = localDay(clock.now(), person.timezone);
    const energy = latest && localDay(new Date(latest.at), person.timezone) === today ? latest.energy : null;
    return runPlanDay(
      run,
      {
        userId: actor.userId,
        now: clock.now(),
        timezone: person.timezone,
        quietHours: person.preferences.quietHours,
        tasks: open.items.map((t) => ({
          id: t.id,
          title: t.title,
          priority: t.priority,
          dueAt: t.dueAt,
          dueDate: t.dueDate,
          isOverdue: t.isOverdue,
          estimateMinutes: t.estimateMinutes,
          energy: t.energy,
        })),
        energy,
        pace,
        memory: context,
      },
      input,
    );
  },
});
