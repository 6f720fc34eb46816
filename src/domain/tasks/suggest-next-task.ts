import { z } from 'zod';
import type { Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { MoodRepo } from '../mood/mood-repo.js';
import type { UserRepo } from '../users/user-repo.js';
import { addDays, localDate, startOfDay } from './due.js';
import { firstOpenSubtask, starterStep } from './first-step.js';
import { OPEN_STATUSES, priorityRank, userTimezone } from './task-access.js';
import type { TaskDoc, TaskRepo } from './task-repo.js';
import {
  EnergySchema,
  PrioritySchema,
  TaskStatusSchema,
  type Energy,
  type Priority,
  type TaskStatus,
} from './task-schemas.js';

const LevelSchema = z.number().int().min(1).max(5);

export const SuggestNextTaskSchema = z.strictObject({
  availableMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .optional()
    .describe('How many minutes the person has right now'),
  energy: LevelSchema.optional().describe(
    'Energy right now, 1 = drained to 5 = buzzing; default: their latest mood log',
  ),
  mood: LevelSchema.optional().describe(
    'Mood right now, 1 = very low to 5 = great; default: their latest mood log',
  ),
});
export type SuggestNextTask = z.input<typeof SuggestNextTaskSchema>;

/** A task as `suggest_next_task` shows it: enough to name it and decide, nothing more. */
export const SuggestedTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: TaskStatusSchema,
  priority: PrioritySchema,
  due: z.iso.datetime().nullable().describe('Due instant (UTC); for an all-day task the start of its day'),
  dueDate: z.iso.date().nullable().describe("Due day in the task's time zone"),
  estimateMinutes: z.number().int().nullable(),
  energy: EnergySchema.nullable(),
});

export const FirstStepSchema = z.object({
  title: z.string(),
  minutes: z
    .number()
    .int()
    .nullable()
    .describe('Minutes it takes; null for a saved step without an estimate'),
  stepId: z.string().nullable().describe('The subtask this step is, when it is a saved step'),
});

export const SuggestNextTaskResultSchema = z.object({
  task: SuggestedTaskSchema.nullable(),
  reason: z.string().nullable().describe('Why this one, in plain words'),
  firstStep: FirstStepSchema.nullable().describe(
    'The first tiny step: the first open subtask, or a 2-minute starter',
  ),
  otherCandidates: z.number().int().describe('How many other open tasks were considered'),
  basedOn: z.object({
    availableMinutes: z.number().int().nullable(),
    energy: z.number().int(),
    mood: z.number().int(),
    from: z
      .enum(['you', 'recent_mood_log', 'default'])
      .describe(
        'Where energy and mood came from when not given: the latest mood log of the last 12 hours, or 3',
      ),
  }),
  message: z.string().describe('A short, kind line to show the person'),
});
export type SuggestNextTaskResult = z.infer<typeof SuggestNextTaskResultSchema>;

/** What the ranking needs to know about one task. */
export type NextTaskCandidate = {
  id: string;
  status: TaskStatus;
  priority: Priority;
  /** The due instant (all-day: the start of the day). */
  dueAt: Date | null;
  /** The task counts as waiting (past due) once this has passed. */
  dueEndAt: Date | null;
  estimateMinutes: number | null;
  energy: Energy | null;
  createdAt: Date;
  deletedAt: Date | null;
  /** Set while the person has snoozed it. */
  snoozedUntil: Date | null;
};

export type PersonState = { energy: number; mood: number; availableMinutes: number | null };

/** Why a task ranked where it did; the reason text is made from these. */
export type FitFactor =
  | 'fits_time'
  | 'quick_win'
  | 'easy_on_energy'
  | 'matches_energy'
  | 'due_today'
  | 'due_soon'
  | 'waiting'
  | 'important'
  | 'started';

export type RankedTask<T extends NextTaskCandidate = NextTaskCandidate> = {
  task: T;
  score: number;
  factors: FitFactor[];
};

/** Energy a task asks for on the 1-5 scale; an unmarked task is assumed to be on the easy side of medium. */
const energyNeed: Record<Energy, number> = { low: 1, medium: 3, high: 4 };
const UNMARKED_ENERGY_NEED = 2;
const priorityPoints: Record<Priority, number> = { urgent: 30, high: 20, medium: 10, low: 0 };
const QUICK_WIN_MINUTES = 15;

/** Low energy or a low mood: small, easy wins first. */
export const isLowState = (state: PersonState): boolean => state.energy <= 2 || state.mood <= 2;

const isEligible = (task: NextTaskCandidate, now: Date) =>
  (task.status === 'todo' || task.status === 'in_progress') &&
  task.deletedAt === null &&
  !(task.snoozedUntil && task.snoozedUntil > now);

const scoreTask = (task: NextTaskCandidate, state: PersonState, now: Date, timezone: string) => {
  const factors: FitFactor[] = [];
  const low = isLowState(state);
  let score = priorityPoints[task.priority];
  if (task.priority === 'urgent' || task.priority === 'high') factors.push('important');

  const estimate = task.estimateMinutes;
  if (state.availableMinutes !== null && estimate !== null) {
    if (estimate <= state.availableMinutes) {
      score += 30;
      factors.push('fits_time');
    } else {
      // Somewhat too long is a small minus; far too long for the time there is, a big one.
      score -= Math.min(40, Math.ceil(((estimate - state.availableMinutes) / state.availableMinutes) * 20));
    }
  }
  if (low && estimate !== null && estimate <= QUICK_WIN_MINUTES) {
    score += estimate <= 5 ? 25 : 20;
    factors.push('quick_win');
  }

  const need = task.energy ? energyNeed[task.energy] : UNMARKED_ENERGY_NEED;
  score -= Math.max(0, need - state.energy) * 10;
  if (task.energy === 'low' && low) {
    score += 15;
    factors.push('easy_on_energy');
  } else if (task.energy === 'high' && state.energy >= 4) {
    score += 10;
    factors.push('matches_energy');
  }

  if (task.dueEndAt && task.dueEndAt <= now) {
    score += 15; // gently: it has waited, but it should not crowd out what fits today
    factors.push('waiting');
  } else if (task.dueAt) {
    const today = localDate(now, timezone);
    if (task.dueAt < startOfDay(addDays(today, 1), timezone)) {
      score += 25;
      factors.push('due_today');
    } else if (task.dueAt < startOfDay(addDays(today, 2), timezone)) {
      score += 10;
      factors.push('due_soon');
    } else if (task.dueAt < startOfDay(addDays(today, 4), timezone)) score += 5;
  }

  if (task.status === 'in_progress') {
    score += 10;
    factors.push('started');
  }
  return { score, factors };
};

/** Sooner first; no date sorts last. */
const byDue = (a: Date | null, b: Date | null) => (a && b ? a.getTime() - b.getTime() : a ? -1 : b ? 1 : 0);

/**
 * The open, unsnoozed tasks ordered by how well they fit right now (best first). Pure and deterministic: equal
 * scores fall back to sooner due, higher priority, older, then id.
 */
export const rankNextTasks = <T extends NextTaskCandidate>(
  tasks: readonly T[],
  state: PersonState,
  now: Date,
  timezone: string,
): RankedTask<T>[] =>
  tasks
    .filter((task) => isEligible(task, now))
    .map((task) => ({ task, ...scoreTask(task, state, now, timezone) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        byDue(a.task.dueAt, b.task.dueAt) ||
        priorityRank[a.task.priority] - priorityRank[b.task.priority] ||
        a.task.createdAt.getTime() - b.task.createdAt.getTime() ||
        (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0),
    );

const energyWord = (energy: number) => (energy <= 2 ? 'low' : energy >= 4 ? 'high' : 'steady');

const joinAnd = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** "Fits your 20 minutes and low energy, and it's a quick win": the why of a pick, without pressure. */
export const describeFit = (factors: readonly FitFactor[], state: PersonState): string => {
  const has = (f: FitFactor) => factors.includes(f);
  const fits: string[] = [];
  if (has('fits_time')) fits.push(`${state.availableMinutes} minutes`);
  if (has('easy_on_energy') || has('matches_energy')) fits.push(`${energyWord(state.energy)} energy`);
  const more: string[] = [];
  if (has('quick_win')) more.push("it's a quick win");
  if (has('started')) more.push("you've already started it");
  if (has('due_today')) more.push("it's due today");
  else if (has('due_soon')) more.push("it's due tomorrow");
  else if (has('waiting')) more.push("it's been waiting a little while");
  if (has('important') && more.length < 2) more.push("it's marked important");
  const parts = [...(fits.length > 0 ? [`fits your ${joinAnd(fits)}`] : []), ...more].slice(0, 3);
  if (parts.length === 0) return 'It looks like a good next step from your list.';
  const sentence = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
};

export type SuggestNextTaskDeps = {
  tasks: TaskRepo;
  users: UserRepo;
  moods: MoodRepo;
  audit: AuditLog;
  clock: Clock;
};

/** Looked at when ranking; a person with more open tasks than this gets the soonest-due ones considered. */
const MAX_CANDIDATES = 300;
const MOOD_LOOKBACK_MS = 12 * 60 * 60_000;
const SNOOZE_LOOKBACK = 200;

/** Tasks the person snoozed recently, with when each snooze ends (from the audit trail the snooze writes). */
const snoozes = async (audit: AuditLog, userId: string): Promise<Map<string, Date>> => {
  const until = new Map<string, Date>();
  // Only snoozes are read: the whole trail grows with everything the person does, and FerretDB reads all of it.
  for (const entry of await audit.list(userId, { limit: SNOOZE_LOOKBACK, action: 'task.snoozed' })) {
    if (entry.action !== 'task.snoozed' || !entry.entityId) continue;
    const minutes = typeof entry.meta.minutes === 'number' ? entry.meta.minutes : 0;
    const end = new Date(entry.at.getTime() + minutes * 60_000);
    if (end > (until.get(entry.entityId) ?? new Date(0))) until.set(entry.entityId, end);
  }
  return until;
};

/** Energy and mood as given, else from the latest mood log of the last 12 hours, else a neutral 3. */
const personState = async (
  deps: SuggestNextTaskDeps,
  userId: string,
  input: z.output<typeof SuggestNextTaskSchema>,
  now: Date,
) => {
  const availableMinutes = input.availableMinutes ?? null;
  if (input.energy !== undefined && input.mood !== undefined)
    return { state: { energy: input.energy, mood: input.mood, availableMinutes }, from: 'you' as const };
  const [latest] = await deps.moods.list(
    userId,
    { from: new Date(now.getTime() - MOOD_LOOKBACK_MS), to: now },
    1,
  );
  return {
    state: {
      energy: input.energy ?? latest?.energy ?? 3,
      mood: input.mood ?? latest?.mood ?? 3,
      availableMinutes,
    },
    from: latest ? ('recent_mood_log' as const) : ('default' as const),
  };
};

const toSuggested = (doc: TaskDoc): z.infer<typeof SuggestedTaskSchema> => ({
  id: doc._id,
  title: doc.title,
  status: doc.status,
  priority: doc.priority,
  due: doc.dueAt?.toISOString() ?? null,
  dueDate: doc.dueDate ?? (doc.dueAt ? localDate(doc.dueAt, doc.timezone) : null),
  estimateMinutes: doc.estimateMinutes,
  energy: doc.energy,
});

/** "What should I do now?": one open task that fits the time, energy and mood right now, with its first tiny step. */
export const suggestNextTask = async (
  deps: SuggestNextTaskDeps,
  actor: Actor,
  input: SuggestNextTask = {},
): Promise<SuggestNextTaskResult> => {
  const data = SuggestNextTaskSchema.parse(input);
  const now = deps.clock.now();
  const [timezone, { state, from }, docs, snoozed] = await Promise.all([
    userTimezone(deps, actor.userId),
    personState(deps, actor.userId, data, now),
    // Top-level tasks only: a task's steps show up as its first step instead of competing with it.
    deps.tasks.find(
      actor.userId,
      { deletedAt: null, status: { $in: OPEN_STATUSES }, parentId: null },
      { sort: { dueSortAt: 1, priorityRank: 1, _id: 1 }, limit: MAX_CANDIDATES },
    ),
    snoozes(deps.audit, actor.userId),
  ]);
  const candidates = docs.map((doc) => ({
    doc,
    id: doc._id,
    status: doc.status,
    priority: doc.priority,
    dueAt: doc.dueAt,
    dueEndAt: doc.dueEndAt,
    estimateMinutes: doc.estimateMinutes,
    energy: doc.energy,
    createdAt: doc.createdAt,
    deletedAt: doc.deletedAt,
    snoozedUntil: snoozed.get(doc._id) ?? null,
  }));
  const ranked = rankNextTasks(candidates, state, now, timezone);
  const basedOn = { ...state, from };
  const best = ranked[0];
  if (!best) {
    return {
      task: null,
      reason: null,
      firstStep: null,
      otherCandidates: 0,
      basedOn,
      message:
        docs.length > 0
          ? "Everything open is snoozed for now, so there's nothing you need to pick up. Rest is allowed."
          : 'Your list is clear right now. Enjoy the space, or tell me one small thing you would like to do.',
    };
  }
  const doc = best.task.doc;
  const step = await firstOpenSubtask(deps, actor.userId, doc._id);
  const reason = describeFit(best.factors, state);
  return {
    task: toSuggested(doc),
    reason,
    firstStep: step ?? { ...starterStep(doc.title), stepId: null },
    otherCandidates: ranked.length - 1,
    basedOn,
    message: `How about "${doc.title}"? ${reason}`,
  };
};
