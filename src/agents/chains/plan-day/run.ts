import type { PersonalPace } from '../breakdown/schema.js';
import type { MemoryContext } from '../memory-context.js';
import { runChain, type ChainRunDeps } from '../run-chain.js';
import type { QuietHours } from '../scheduling.js';
import { offlinePlan } from './offline.js';
import { planDaySystemPrompt, planDayUserPrompt } from './prompt.js';
import { capacityFor, dayFrame, layOut } from './schedule.js';
import {
  DayPlanSchema,
  PlanDraftSchema,
  type DayPlan,
  type DayPlanResult,
  type PlanDraft,
  type PlanTask,
} from './schema.js';

export type PlanDayContext = {
  userId: string;
  now: Date;
  timezone: string;
  quietHours: QuietHours;
  /** Open tasks, top-level and steps alike. */
  tasks: PlanTask[];
  /** 1-5 from today's latest mood log, or null. */
  energy: number | null;
  pace: PersonalPace;
  memory?: MemoryContext;
};

/** Picks and times a realistic day: a quick win first, breaks, no more than today's energy allows. */
export const runPlanDay = (
  deps: ChainRunDeps,
  context: PlanDayContext,
  input: { date?: string },
): Promise<DayPlanResult> => {
  const frame = dayFrame(context.now, context.timezone, context.quietHours, input.date);
  const available = Math.max(0, Math.floor(frame.end.diff(frame.start, 'minutes').minutes));
  const capacity = Math.min(available, capacityFor(context.energy));
  const byId = new Map(context.tasks.map((t) => [t.id, t]));

  const build = (draft: PlanDraft): DayPlan | null => {
    const picks = draft.picks.flatMap((p) => {
      const task = byId.get(p.taskId);
      return task ? [{ task, reason: p.reason }] : []; // only the person's own tasks, whatever the model says
    });
    if (picks.length === 0 && context.tasks.length > 0) return null;
    const { blocks, plannedMinutes, placed } = layOut(frame, picks, context.pace, capacity);
    return {
      date: frame.date,
      timezone: context.timezone,
      blocks,
      later: context.tasks
        .filter((t) => !placed.has(t.id))
        .slice(0, 20)
        .map((t) => ({ taskId: t.id, title: t.title })),
      capacityMinutes: capacity,
      plannedMinutes,
      summary:
        context.tasks.length === 0
          ? 'Your list is clear. Enjoy the space, or add one thing you would like to do today.'
          : draft.summary,
    };
  };

  // offlinePlan picks at least one of the tasks whenever there are any, so build never refuses it.
  const offline = () => build(offlinePlan(context.tasks, frame.date, context.timezone, context.energy))!;

  if (context.tasks.length === 0) {
    // Nothing to choose from: the rules answer without a model call, and there is no fallback to announce.
    return Promise.resolve({
      ...DayPlanSchema.parse(offline()),
      meta: { mode: 'basic' as const, basicModeReason: null, notice: null, model: null },
    });
  }
  return runChain(deps, {
    purpose: 'plan_day',
    userId: context.userId,
    request: {
      name: 'day_plan',
      description: 'The tasks to do today, in order, with reasons',
      schema: PlanDraftSchema,
      system: planDaySystemPrompt(),
      user: planDayUserPrompt(context.tasks, frame.date, context.energy, capacity, context.memory),
    },
    fromModel: build,
    offline,
    resultSchema: DayPlanSchema,
  });
};
