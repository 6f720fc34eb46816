// Reads the model would ask for anyway, done before it is asked. "What's on my plate today?", "how many points do I
// have?", "what should I do now?": the offline understanding already knows which read answers them, so the planner
// runs it first and the model starts from its result. One model call instead of two, and a small model can no
// longer answer "I don't have any information about your tasks" without looking.
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { Intent } from '../../agents/index.js';
import { readingOf } from '../graph/reading.js';
import type { PlannedCall, PlannerStateType } from '../graph/state.js';
import { planText } from '../offline/plan-calls.js';
import type { ToolInfo } from '../tools/tool-hub.js';
import { openingTranscript } from './llm-step.js';

/** Intents answered by reading the person's data. */
const READ_INTENTS = new Set<Intent>(['list_tasks', 'points', 'what_now', 'plan_day', 'review_day']);

/** How sure the understanding must be; below it the model decides alone. */
const MIN_CONFIDENCE = 0.5;

export type Prefetch = { calls: PlannedCall[]; transcript: BaseMessage[] };

/**
 * The reads to run before the first model call, with the opening transcript that asked for them (as the model's
 * own tool calls, so their results follow in the standard shape); null when the message is not a plain read.
 */
export const prefetchFor = (state: PlannerStateType, tools: ToolInfo[]): Prefetch | null => {
  const { message } = state.turn;
  if (!('text' in message)) return null;
  const now = new Date(state.turn.now);
  const reading = readingOf(message.text, now, state.timezone);
  if (!READ_INTENTS.has(reading.intent) || reading.confidence < MIN_CONFIDENCE) return null;
  const readOnly = new Map(tools.map((tool) => [tool.name, tool.readOnly]));
  const plan = planText(message.text, reading, {
    now,
    timezone: state.timezone,
    available: new Set(readOnly.keys()),
  });
  const plain =
    plan.calls.length > 0 &&
    plan.notes.length === 0 &&
    !plan.awaitingTime &&
    plan.calls.every((call) => !call.lookup && readOnly.get(call.name) === true);
  if (!plain) return null;
  const calls = plan.calls.map((call, index) => ({
    id: `prefetch_${index}`,
    name: call.name,
    args: call.args,
  }));
  const asked = new AIMessage({
    content: '',
    tool_calls: calls.map((call) => ({ ...call, type: 'tool_call' as const })),
  });
  return { calls, transcript: [...openingTranscript(state), asked] };
};
