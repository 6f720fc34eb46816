import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { ReplyPart } from '../../conversation-types.js';
import { fitReply } from '../../reply/fit-reply.js';
import { stepLimitNote } from '../../offline/templates.js';
import { presentOutcome } from '../../reply/present-results.js';
import { runtimeOf } from '../runtime.js';
import type { PlannerStateType, PlannerUpdate } from '../state.js';

/** Splits text into word-sized chunks (with their spaces), the way basic mode "streams" a templated reply. */
const wordChunks = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

/**
 * Builds the reply as parts from what was done (shared by both paths): the LLM's words or basic mode's templated
 * sentences as the text, then task lists, celebrations and buttons. Streams what was not streamed yet.
 */
export const respondNode = async (
  state: PlannerStateType,
  config: LangGraphRunnableConfig,
): Promise<PlannerUpdate> => {
  const runtime = runtimeOf(config);
  const presented = state.results.map(presentOutcome);
  const lines = [...state.notes, ...presented.flatMap((p, i) => (state.results[i]!.quiet ? [] : p.lines))];
  // When the rules acted on the model's unbacked words, their own sentences say what was done (after the words).
  let text = (!state.basicMode && !state.actedByRules && state.llmText?.trim()) || lines.join('\n');
  if (state.stoppedEarly) text = `${stepLimitNote}\n${text}`;
  // A turn that only asks a yes/no question: its prompt and buttons follow in the choices part.
  if (!text) text = state.parts.some((p) => p.type === 'choices') ? 'Quick check first:' : 'Okay.';

  // Whatever already streamed is the start of the text, so the deltas always add up to it.
  const streamed = runtime.streamed();
  if (streamed && !text.startsWith(streamed)) {
    // The text is the model's words trimmed; what streamed may carry their outer whitespace (Ollama ends with
    // "\n"). Then it is the same reply, not a new one to append after it (which showed it twice).
    const core = streamed.trim();
    const trimmed = text.trim();
    text = trimmed.startsWith(core) ? `${streamed}${trimmed.slice(core.length)}` : `${streamed}\n\n${text}`;
  }
  if (!runtime.signal?.aborted)
    for (const chunk of wordChunks(text.slice(streamed.length))) runtime.streamText(chunk);

  const rich: ReplyPart[] = [...presented.flatMap((p) => p.parts), ...state.parts];
  const fitted = fitReply([{ type: 'text', text }, ...rich], runtime.budget);
  // The person gets the reply now; remembering the turn and saving the checkpoint follow.
  await runtime.replied(fitted, state.basicMode);
  return { parts: fitted.parts };
};
