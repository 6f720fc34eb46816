import { personalMinutes } from '../breakdown/pace.js';
import type { PersonalPace } from '../breakdown/schema.js';
import type { MemoryContext } from '../memory-context.js';
import { runChain, type ChainRunDeps } from '../run-chain.js';
import {
  describeSlotStart,
  findSlot,
  type Interval,
  type QuietHours,
  type TimeOfDayChoice,
} from '../scheduling.js';
import { offlineAnalysis } from './offline.js';
import { analysisSystemPrompt, analysisUserPrompt } from './prompt.js';
import {
  AnalysisDraftSchema,
  AnalysisSchema,
  type Analysis,
  type AnalysisDraft,
  type AnalysisInput,
  type AnalysisResult,
} from './schema.js';

export type AnalysisContext = {
  userId: string;
  now: Date;
  timezone: string;
  quietHours: QuietHours;
  /** Times already taken (e.g. tasks due at a set time). */
  busy: Interval[];
  /** The time of day this person usually has the most energy, from their mood logs. */
  peak: TimeOfDayChoice | null;
  pace: PersonalPace;
  memory?: MemoryContext;
};

const withSlot = (context: AnalysisContext, input: AnalysisInput, draft: AnalysisDraft): Analysis => {
  const personalEstimateMinutes = personalMinutes(draft.estimateMinutes, context.pace, false);
  const slot = findSlot({
    now: context.now,
    timezone: context.timezone,
    minutes: personalEstimateMinutes,
    timeOfDay: draft.bestTimeOfDay,
    quietHours: context.quietHours,
    busy: context.busy,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
  });
  const longTask = personalEstimateMinutes > 90;
  return {
    task: { id: input.taskId ?? null, title: input.title },
    complexity: draft.complexity,
    estimateMinutes: draft.estimateMinutes,
    personalEstimateMinutes,
    energy: draft.energy,
    bestTimeOfDay: draft.bestTimeOfDay,
    blockers: draft.blockers,
    suggestedSlot: slot && {
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      reason:
        `${describeSlotStart(slot.start, context.now, context.timezone)} is free` +
        (draft.bestTimeOfDay === 'any' ? '' : ` and in the ${draft.bestTimeOfDay}`) +
        (longTask ? '; it holds a first 90-minute session.' : '.'),
    },
    summary: draft.summary,
  };
};

/** Complexity, estimate, energy, best time, likely blockers and a concrete free slot for one task. */
export const runAnalysis = (
  deps: ChainRunDeps,
  context: AnalysisContext,
  input: AnalysisInput,
): Promise<AnalysisResult> =>
  runChain(deps, {
    purpose: 'analysis',
    userId: context.userId,
    request: {
      name: 'task_analysis',
      description: 'Complexity, estimate, energy, best time of day and likely blockers of a task',
      schema: AnalysisDraftSchema,
      system: analysisSystemPrompt(),
      user: analysisUserPrompt(input, context.peak, context.memory),
    },
    fromModel: (draft) => withSlot(context, input, draft),
    offline: () => withSlot(context, input, offlineAnalysis(input, context.peak)),
    resultSchema: AnalysisSchema,
  });
