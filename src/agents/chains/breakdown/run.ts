import type { MemoryContext } from '../memory-context.js';
import { runChain, type ChainRunDeps } from '../run-chain.js';
import { offlineBreakdown } from './offline.js';
import { paceNote, personalMinutes, sizingFor } from './pace.js';
import { breakdownSystemPrompt, breakdownUserPrompt } from './prompt.js';
import {
  BreakdownDraftSchema,
  BreakdownSchema,
  type BreakdownDraft,
  type BreakdownInput,
  type BreakdownResult,
  type PersonalPace,
} from './schema.js';

export type BreakdownContext = { userId: string; pace: PersonalPace; memory?: MemoryContext };

/** Turns a vague task into 3-8 steps, the first doable in 2 minutes, sized and estimated for this person. */
export const runBreakdown = (
  deps: ChainRunDeps,
  context: BreakdownContext,
  input: BreakdownInput,
): Promise<BreakdownResult> => {
  const granularity = input.granularity ?? 3;
  const { targetSteps, maxStepMinutes } = sizingFor(granularity, context.pace);
  const fromModel = (draft: BreakdownDraft) => {
    const steps = draft.steps.map((s, i) => ({
      position: i + 1,
      title: s.title,
      minutes: personalMinutes(s.minutes, context.pace, i === 0),
    }));
    return {
      task: { id: input.taskId ?? null, title: input.title },
      granularity,
      steps,
      totalMinutes: steps.reduce((sum, s) => sum + s.minutes, 0),
      maxStepMinutes,
      pace: context.pace,
      note: [draft.note.trim(), paceNote(context.pace, maxStepMinutes)].filter(Boolean).join(' '),
    };
  };
  return runChain(deps, {
    purpose: 'breakdown',
    userId: context.userId,
    request: {
      name: 'task_breakdown',
      description: 'Ordered steps for the task, the first one at most 2 minutes',
      schema: BreakdownDraftSchema,
      system: breakdownSystemPrompt(targetSteps, maxStepMinutes),
      user: breakdownUserPrompt({ ...input, granularity }, context.pace, context.memory),
    },
    fromModel,
    offline: () => offlineBreakdown({ ...input, granularity }, context.pace),
    resultSchema: BreakdownSchema,
  });
};
