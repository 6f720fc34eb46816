import type { MemoryContext } from '../memory-context.js';
import { runChain, type ChainRunDeps } from '../run-chain.js';
import { offlineMotivation } from './offline.js';
import { motivationSystemPrompt, motivationUserPrompt } from './prompt.js';
import {
  MotivationDraftSchema,
  MotivationSchema,
  type MotivationInput,
  type MotivationResult,
} from './schema.js';

export type MotivationContext = { userId: string; memory?: MemoryContext };

/** A short, personal, shame-free nudge built from recent mood, wins, what helped and the preferred tone. */
export const runMotivation = (
  deps: ChainRunDeps,
  context: MotivationContext,
  input: MotivationInput,
): Promise<MotivationResult> => {
  // Which signals exist is a fact about the input, whichever path writes the words.
  const basis = offlineMotivation(input);
  return runChain(deps, {
    purpose: 'motivation',
    userId: context.userId,
    request: {
      name: 'motivation',
      description: 'A short, kind, shame-free encouragement and one tiny next step',
      schema: MotivationDraftSchema,
      system: motivationSystemPrompt(input.tone),
      user: motivationUserPrompt(input, context.memory),
    },
    fromModel: (draft) => ({
      message: draft.message,
      tinyNextStep: draft.tinyNextStep,
      tone: input.tone,
      signals: basis.signals,
    }),
    offline: () => basis,
    resultSchema: MotivationSchema,
  });
};
