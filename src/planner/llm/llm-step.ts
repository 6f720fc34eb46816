import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  type AIMessageChunk,
  type BaseMessage,
} from '@langchain/core/messages';
import type { LlmProvider } from '../../agents/index.js';
import type { TurnRuntime } from '../graph/runtime.js';
import type { PlannedCall, PlannerStateType } from '../graph/state.js';
import type { ToolInfo } from '../tools/tool-hub.js';
import { HISTORY_AFTER_NEW_TOOLS, historyOf, systemPrompt, turnContextPrompt } from './prompt.js';
import { toolsForTurn } from './toolsets.js';
import { isUnparsedToolCall, mayBeWrittenCall, writtenCallIn } from './written-call.js';
import { withoutStrayNulls } from './null-args.js';
import { readingOf } from '../graph/reading.js';
import { groundedListArgs, type ReadGrounds } from './list-filters.js';

export type LlmStep = {
  message: AIMessage;
  calls: PlannedCall[];
  transcript: BaseMessage[];
  text: string;
  /** The thread's tool groups after this step (see toolsets.ts). */
  toolGroups: string[];
  /** How many of the thread's latest exchanges' entries the turn showed (state `historyShown`). */
  historyShown: number | null;
};

type OpenAiTool = {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};
/** The function definitions of a tool list, made once per list (a gateway keeps its list). */
const definitions = new WeakMap<ToolInfo[], OpenAiTool[]>();
const openAiTools = (tools: ToolInfo[]): OpenAiTool[] => {
  let made = definitions.get(tools);
  if (!made) {
    made = tools.map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
    }));
    definitions.set(tools, made);
  }
  return made;
};

type ChatModel = NonNullable<ReturnType<LlmProvider['chatModel']>>;
/** The model with a tool list bound, made once per model and list. */
const boundModels = new WeakMap<ChatModel, WeakMap<ToolInfo[], ReturnType<ChatModel['bindTools']>>>();
const withTools = (model: ChatModel, tools: ToolInfo[]) => {
  let byTools = boundModels.get(model);
  if (!byTools) boundModels.set(model, (byTools = new WeakMap()));
  let bound = byTools.get(tools);
  if (!bound) byTools.set(tools, (bound = model.bindTools(openAiTools(tools))));
  return bound;
};

/** The same tools with a call required: the retry after a call the server could not parse (not cached: rare). */
const requiringTool = (model: ChatModel, tools: ToolInfo[]) =>
  model.bindTools(openAiTools(tools), { tool_choice: 'required' });

const contentOf = (message: BaseMessage): string =>
  typeof message.content === 'string' ? message.content : JSON.stringify(message.content);

const userTextOf = (state: PlannerStateType): string =>
  'text' in state.turn.message ? state.turn.message.text : JSON.stringify(state.turn.message);

const argsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * A turn's first prompt. Ordered from the most to the least stable, so an endpoint's prompt cache reuses the
 * longest prefix: the rules (with the tools the template puts after them), the thread so far (it only grows), then
 * what changes every turn: the clock and the memory context picked for this message, and the message.
 */
export const openingTranscript = (
  state: PlannerStateType,
  shown: number | null = state.historyShown,
): BaseMessage[] => [
  new SystemMessage(systemPrompt()),
  // Earlier turns of this thread, as the conversation they were (the person's words stay theirs).
  ...historyOf(state.recent, shown).map((turn) =>
    turn.role === 'user' ? new HumanMessage(turn.text) : new AIMessage(turn.text),
  ),
  new SystemMessage(
    turnContextPrompt({ timezone: state.timezone, now: state.turn.now, memory: state.context }),
  ),
  new HumanMessage(userTextOf(state)),
];

/**
 * One round of the LLM with the person's tools bound: streams its words (they become the reply's text) and returns
 * the tool calls it asks for. Throws on any endpoint failure; the caller falls back to basic mode.
 */
export const runLlmStep = async (
  provider: LlmProvider,
  state: PlannerStateType,
  runtime: TurnRuntime,
  deadlineMs: number,
  /** Stream nothing of a reply without calls: the caller decides whether those words are shown at all. */
  options: { holdText?: boolean } = {},
): Promise<LlmStep> => {
  const model = provider.chatModel('planner');
  if (!model) throw new Error('no LLM configured');
  const everyTool = await runtime.gateway.tools();
  const { tools: turnTools, groups: toolGroups } = toolsForTurn(state, everyTool);
  // New tools: the conversation after them is read again anyway, so the turn shows its last exchange only.
  const grew = toolGroups.some((group) => !state.toolGroups.includes(group));
  const historyShown = grew && state.transcript.length === 0 ? HISTORY_AFTER_NEW_TOOLS : state.historyShown;
  const transcript = state.transcript.length > 0 ? state.transcript : openingTranscript(state, historyShown);
  // The deadline covers the whole call, streamed body included. Its controller is held by the timer: a bare
  // AbortSignal.timeout inside AbortSignal.any can be garbage-collected on Node 20 and then never fires, which left
  // a stalled stream waiting for ever.
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('The model took too long to answer', 'TimeoutError')),
    deadlineMs,
  );
  const signal = runtime.signal ? AbortSignal.any([runtime.signal, deadline.signal]) : deadline.signal;
  const started = performance.now();
  let message: AIMessageChunk | undefined;
  let text = '';
  /** Text held back while it may be a tool call written as JSON: the person must not see that. */
  let held = '';
  const streamOnce = async (bound: ReturnType<typeof withTools>) => {
    const stream = await bound.stream(transcript, { signal });
    for await (const chunk of stream) {
      message = message ? message.concat(chunk) : chunk;
      const delta = typeof chunk.content === 'string' ? chunk.content : '';
      if (!delta) continue;
      text += delta;
      held += delta;
      if (!options.holdText && !mayBeWrittenCall(text)) {
        runtime.streamText(held);
        held = '';
      }
    }
  };
  try {
    try {
      await streamOnce(withTools(model, turnTools));
    } catch (error) {
      // A tool call the server could not parse (a name it does not know, broken JSON): asked again with the call
      // required, the server constrains the answer to a valid call. Only when nothing was shown yet.
      if (deadline.signal.aborted || !isUnparsedToolCall(error) || text !== held) throw error;
      message = undefined;
      text = held = '';
      await streamOnce(requiringTool(model, turnTools));
    }
  } catch (error) {
    // Whatever the client threw after our deadline passed (an abort, a closed stream), the call timed out.
    const failure: unknown = deadline.signal.aborted ? deadline.signal.reason : error;
    // The person's stop button is not a model failure; anything else is counted (after the reply, never failing it).
    if (!runtime.signal?.aborted || deadline.signal.aborted) {
      const ms = performance.now() - started;
      runtime.defer(() => provider.recordFailure(state.turn.userId, 'planner', failure, ms));
    }
    throw failure;
  } finally {
    clearTimeout(timer);
    runtime.timing.llmMs += performance.now() - started;
  }
  if (!message) throw new Error('the model sent an empty answer');
  const final = message as unknown as AIMessage;
  // Accounting is written after the reply (it never fails the turn: the provider logs its own problems).
  runtime.defer(() => provider.recordMessageUsage(state.turn.userId, 'planner', final, 'tools'));
  let toolCalls = message.tool_calls ?? [];
  const written = toolCalls.length === 0 ? writtenCallIn(text, new Set(everyTool.map((t) => t.name))) : null;
  if (written) {
    // The model wrote its call as text: act on it, and keep it as the call it is (the JSON is not a reply).
    toolCalls = [
      { id: `call_${state.steps}_text`, name: written.name, args: written.args, type: 'tool_call' },
    ];
    text = '';
  } else if (held && !(options.holdText && toolCalls.length === 0)) runtime.streamText(held);
  const schemas = new Map(everyTool.map((tool) => [tool.name, tool.inputSchema]));
  const said = userTextOf(state);
  const grounds: ReadGrounds = {
    message: said,
    read: transcript.map(contentOf).join('\n'),
    heard: transcript
      .filter((m) => !(m instanceof SystemMessage))
      .map(contentOf)
      .join('\n'),
    saysWhen: readingOf(said, new Date(state.turn.now), state.timezone).slots.when !== null,
  };
  const calls = toolCalls.map((call, index) => ({
    id: call.id ?? `call_${state.steps}_${index}`,
    name: call.name,
    args: groundedListArgs(call.name, withoutStrayNulls(argsOf(call.args), schemas.get(call.name)), grounds),
  }));
  // The stored message keeps only what the next round needs: the text and the calls it answers.
  const stored = new AIMessage({ content: text, tool_calls: toolCalls });
  return { message: final, calls, transcript: [...transcript, stored], text, toolGroups, historyShown };
};
