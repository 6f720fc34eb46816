import { z } from 'zod';
import type { Clock } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { getStreak } from '../gamification/get-streak.js';
import type { PointsLedger } from '../gamification/points-ledger.js';
import type { StreakRepo } from '../gamification/streak-repo.js';
import type { MoodRepo } from '../mood/mood-repo.js';
import type { UserRepo } from '../users/user-repo.js';
import { addDays, localDate, startOfDay } from './due.js';
import { rankNextTasks, type FitFactor } from './suggest-next-task.js';
import { OPEN_STATUSES, userTimezone } from './task-access.js';
import type { TaskDoc, TaskRepo } from './task-repo.js';
import { PrioritySchema } from './task-schemas.js';

const SHOWN = 10;
const SCANNED = 100;

const ReviewTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  priority: PrioritySchema,
});

export const ReviewDayResultSchema = z.object({
  date: z.iso.date().describe("Today in the person's time zone"),
  timezone: z.string(),
  completed: z.object({
    items: z
      .array(ReviewTaskSchema.extend({ completedAt: z.iso.datetime() }))
      .describe(`The latest ${SHOWN}`),
    count: z.number().int().describe('Tasks and steps finished today'),
  }),
  pointsToday: z.number().int().describe('Points earned today (spending on rewards not subtracted)'),
  streak: z.object({ current: z.number().int(), status: z.string(), message: z.string() }),
  mood: z.object({
    count: z.number().int().describe('Mood logs today'),
    averageMood: z.number().nullable(),
    averageEnergy: z.number().nullable(),
  }),
  carryOver: z.object({
    items: z
      .array(ReviewTaskSchema.extend({ suggestion: z.string() }))
      .describe(`Open tasks due today, the first ${SHOWN}; suggestions only, nothing was changed`),
    count: z.number().int(),
    suggestedDate: z.iso.date().describe('Tomorrow, where they can move (update_task) if the person agrees'),
  }),
  tomorrow: z
    .object({ id: z.string(), title: z.string(), reason: z.string() })
    .nullable()
    .describe('One suggested priority for tomorrow'),
  message: z.string().describe('A short, kind summary to show the person'),
});
export type ReviewDayResult = z.infer<typeof ReviewDayResultSchema>;

export type ReviewDayDeps = {
  tasks: TaskRepo;
  users: UserRepo;
  moods: MoodRepo;
  ledger: PointsLedger;
  streaks: StreakRepo;
  clock: Clock;
};

const average = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why this task is tomorrow's one focus. */
export const tomorrowReason = (factors: FitFactor[], carried: boolean): string => {
  if (carried) return 'It carries over from today, so it gets a fresh slot first thing.';
  if (factors.includes('due_today')) return "It's due tomorrow.";
  if (factors.includes('due_soon')) return "It's coming up soon, so an early start keeps it light.";
  if (factors.includes('waiting')) return "It's been waiting a while; a small step on it will feel good.";
  if (factors.includes('important')) return "It's one of the things you marked important.";
  if (factors.includes('started')) return "You've already started it, so picking it up is easy.";
  return 'It looks like a good first thing from your list.';
};

/** The day in kind words: celebrate any win, and treat open tasks as simply moving on (never as missed). */
export const reviewMessage = (done: number, points: number, carried: number, streakDays: number): string => {
  const parts = [
    done > 0
      ? `You finished ${plural(done, 'thing')} today and earned ${plural(points, 'point')}. That counts!`
      : 'Some days are for resting and resetting, and that counts too.',
  ];
  if (streakDays > 1 && done > 0) parts.push(`That's ${streakDays} days in a row.`);
  if (carried > 0)
    parts.push(
      `${plural(carried, 'task')} from today can simply move to tomorrow, whenever you're ready to say so.`,
    );
  return parts.join(' ');
};

/** The evening review of the person's local day: wins, points, streak, mood, what moves on, and one focus for tomorrow. */
export const reviewDay = async (deps: ReviewDayDeps, actor: Actor): Promise<ReviewDayResult> => {
  const now = deps.clock.now();
  const timezone = await userTimezone(deps, actor.userId);
  const date = localDate(now, timezone);
  const tomorrowDate = addDays(date, 1);
  const start = startOfDay(date, timezone);
  const end = startOfDay(tomorrowDate, timezone);

  const [completed, dueToday, open, ledger, moods, streak] = await Promise.all([
    deps.tasks.find(
      actor.userId,
      { status: 'done', deletedAt: null, completedAt: { $gte: start, $lt: end } },
      { sort: { completedAt: -1, _id: 1 }, limit: SCANNED },
    ),
    deps.tasks.find(
      actor.userId,
      { status: { $in: OPEN_STATUSES }, deletedAt: null, dueAt: { $gte: start, $lt: end } },
      { sort: { dueSortAt: 1, priorityRank: 1, _id: 1 }, limit: SCANNED },
    ),
    deps.tasks.find(
      actor.userId,
      { status: { $in: OPEN_STATUSES }, deletedAt: null, parentId: null },
      { sort: { dueSortAt: 1, priorityRank: 1, _id: 1 }, limit: 300 },
    ),
    deps.ledger.history(actor.userId, 200),
    deps.moods.list(actor.userId, { from: start, to: now }, 50),
    getStreak(deps, actor),
  ]);

  const pointsToday = ledger
    .filter((e) => e.points > 0 && e.at >= start && e.at < end)
    .reduce((sum, e) => sum + e.points, 0);
  const carriedIds = new Set(dueToday.map((t) => t._id));

  // Tomorrow's focus: ranked as if it were tomorrow morning with steady energy, carried-over tasks counted as
  // due tomorrow (that is where they are suggested to go).
  const tomorrowMorning = new Date(end.getTime() + 9 * 60 * 60_000);
  const candidates = open.map((doc: TaskDoc) => {
    const carried = carriedIds.has(doc._id);
    return {
      id: doc._id,
      doc,
      status: doc.status,
      priority: doc.priority,
      dueAt: carried ? end : doc.dueAt,
      dueEndAt: carried ? startOfDay(addDays(tomorrowDate, 1), timezone) : doc.dueEndAt,
      estimateMinutes: doc.estimateMinutes,
      energy: doc.energy,
      createdAt: doc.createdAt,
      deletedAt: doc.deletedAt,
      snoozedUntil: null,
    };
  });
  const [best] = rankNextTasks(
    candidates,
    { energy: 3, mood: 3, availableMinutes: null },
    tomorrowMorning,
    timezone,
  );

  return {
    date,
    timezone,
    completed: {
      items: completed.slice(0, SHOWN).map((t) => ({
        id: t._id,
        title: t.title,
        priority: t.priority,
        completedAt: (t.completedAt ?? now).toISOString(),
      })),
      count: completed.length,
    },
    pointsToday,
    streak: { current: streak.current, status: streak.status, message: streak.message },
    mood: {
      count: moods.length,
      averageMood: average(moods.map((m) => m.mood)),
      averageEnergy: average(moods.map((m) => m.energy)),
    },
    carryOver: {
      items: dueToday.slice(0, SHOWN).map((t) => ({
        id: t._id,
        title: t.title,
        priority: t.priority,
        suggestion: 'Move to tomorrow',
      })),
      count: dueToday.length,
      suggestedDate: tomorrowDate,
    },
    tomorrow: best
      ? {
          id: best.task.id,
          title: best.task.doc.title,
          reason: tomorrowReason(best.factors, carriedIds.has(best.task.id)),
        }
      : null,
    message: reviewMessage(completed.length, pointsToday, dueToday.length, streak.current),
  };
};
