import type { PlannerServices } from './runtime.js';
import type { PlannerStateType } from './state.js';

/** After deciding: act when there is something to do, otherwise answer. */
export const afterDecide = (state: PlannerStateType): 'act' | 'respond' =>
  state.calls.length > 0 ? 'act' : 'respond';

/**
 * After acting: the LLM looks at the results and decides again, within the step limit, unless all it asked for was
 * a repeat of what it already did (small models loop like that), or it had already answered and the rules acted on
 * its words; basic mode answers.
 */
export const afterAct =
  (services: Pick<PlannerServices, 'stepLimit'>) =>
  (state: PlannerStateType): 'decide' | 'respond' =>
    !state.basicMode && !state.repeated && !state.actedByRules && state.steps < services.stepLimit
      ? 'decide'
      : 'respond';
