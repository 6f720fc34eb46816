import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { crisisIn } from '../../guardrails/crisis-turn.js';
import { runtimeOf, type PlannerServices } from '../runtime.js';
import type { PlannerStateType, PlannerUpdate } from '../state.js';

const textOf = (state: PlannerStateType): string =>
  'text' in state.turn.message ? state.turn.message.text : '';

/**
 * Starts a turn: clears the previous turn's working fields and loads what the decision needs: the person's time
 * zone and (for the LLM) their budgeted memory context. A memory outage only costs the context, never the turn.
 * It returns only once the turn is admitted (its message claimed).
 */
export const loadContextNode =
  (services: PlannerServices) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const useLlm = services.agents.provider.isEnabled;
    const runtime = runtimeOf(config);
    // A crisis message is answered without a model: it is not sent to the embeddings endpoint for context either.
    const needsMemory = useLlm && !crisisIn(state.turn.message);
    const [person] = await Promise.all([
      services.people.get(state.turn.userId, needsMemory ? textOf(state) : '', needsMemory),
      runtime.admitted,
    ]);
    return {
      timezone: person.timezone,
      context: person.memory,
      basicMode: !useLlm,
      fallback: null,
      calls: [],
      results: [],
      transcript: [],
      steps: 0,
      llmText: null,
      notes: [],
      stoppedEarly: false,
      actedByRules: false,
      prefetched: false,
      parts: [],
    };
  };
