import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { CRISIS_TURN_NOTE } from '../../guardrails/crisis.js';
import { crisisIn } from '../../guardrails/crisis-turn.js';
import { factIn } from '../../offline/facts.js';
import { runtimeOf, type PlannerServices } from '../runtime.js';
import type { PlannerStateType, PlannerUpdate } from '../state.js';

const RECENT_TURNS = 8;
const RECENT_TEXT = 600;
/** Tools whose effects show in the memory context; after them the cached context is rebuilt. */
const CHANGES_CONTEXT = new Set(['remember', 'forget', 'log_mood', 'update_profile']);

const userTurnText = (state: PlannerStateType): string => {
  const { message } = state.turn;
  if (crisisIn(message)) return CRISIS_TURN_NOTE; // later prompts learn what happened, not the words
  if ('text' in message) return message.text;
  if ('action' in message) return `(pressed ${message.action.type.replace(/_/g, ' ')})`;
  return '(sent proof of a finished task)';
};

/**
 * Remembers the exchange: the last turns in the thread state (for the next LLM prompt), both turns in short-term
 * memory, and a long-term fact when the person stated one (unless a remember tool already ran). The memory writes
 * start after the reply is out (the thread's next turn waits for them); failures are logged, never lost replies.
 * Clears the turn's working fields so the checkpoint stays small.
 */
export const rememberNode =
  (services: PlannerServices) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const runtime = runtimeOf(config);
    const { userId, channel, threadId, messageId } = state.turn;
    const actor = { userId, via: 'chat' as const, ref: messageId };
    const memoryThread = `${channel}:${threadId}`;
    const replyText = state.parts.find((p) => p.type === 'text')?.text ?? '';
    const userText = userTurnText(state);
    const fact =
      'text' in state.turn.message &&
      userText !== CRISIS_TURN_NOTE &&
      !state.results.some((r) => r.name === 'remember')
        ? factIn(userText)
        : null;
    if (fact || state.results.some((r) => r.ok && CHANGES_CONTEXT.has(r.name)))
      services.people.invalidate(userId);

    const writes = async () => {
      const settled = await Promise.allSettled([
        services.memory.recordTurn(actor, {
          threadId: memoryThread,
          role: 'user',
          text: userText.slice(0, 4_000),
        }),
        ...(replyText
          ? [
              services.memory.recordTurn(actor, {
                threadId: memoryThread,
                role: 'assistant',
                text: replyText.slice(0, 4_000),
              }),
            ]
          : []),
        ...(fact
          ? [services.memory.remember(actor, { text: fact.text.slice(0, 1_000), kind: fact.kind })]
          : []),
      ]);
      for (const result of settled) {
        if (result.status === 'rejected') {
          services.logger.warn(
            { err: (result.reason as Error).message },
            'planner: could not remember this turn',
          );
        }
      }
      if (fact) services.people.invalidate(userId);
    };
    runtime.defer(writes);

    const exchange = [
      { role: 'user' as const, text: userText.slice(0, RECENT_TEXT) },
      ...(replyText ? [{ role: 'assistant' as const, text: replyText.slice(0, RECENT_TEXT) }] : []),
    ];
    const recent = [...state.recent, ...exchange].slice(-RECENT_TURNS);
    // The LLM's history grows by this exchange; once it spans the whole window, the cap is gone.
    const shown = state.historyShown === null ? null : state.historyShown + exchange.length;
    return {
      historyShown: shown === null || shown >= RECENT_TURNS ? null : shown,
      transcript: [],
      calls: [],
      results: [],
      parts: [],
      notes: [],
      llmText: null,
      context: '',
      recent,
      turns: state.turns + 1,
    };
  };
