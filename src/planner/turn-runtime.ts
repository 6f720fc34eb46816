import type { ConverseInput } from './conversation-types.js';
import type { PlannerGraph } from './graph/graph.js';
import type { TurnRuntime } from './graph/runtime.js';
import type { ToolGateway } from './tools/tool-hub.js';
import type { TurnReply } from './turn-reply.js';

/** What the graph runs one turn with besides its state. */
export type TurnRuntimeParts = Pick<
  TurnRuntime,
  'admitted' | 'budget' | 'emit' | 'defer' | 'timing' | 'effects'
> & {
  gateway: ToolGateway;
  reply: TurnReply;
  /** Aborted by the stop button until the reply exists (and by a failed turn). */
  graphSignal: AbortSignal;
  /** The caller's signal: once it is aborted nothing more is streamed. */
  callerSignal: AbortSignal | undefined;
};

/** The turn's runtime: streaming within the channel's budget, and the reply given once. */
export const createTurnRuntime = (parts: TurnRuntimeParts): TurnRuntime => {
  const { budget, emit, reply, graphSignal, callerSignal } = parts;
  let streamed = '';
  return {
    admitted: parts.admitted,
    budget,
    gateway: parts.gateway,
    emit,
    streamText: (delta) => {
      const room = budget.maxChars - streamed.length;
      if (room <= 0 || callerSignal?.aborted) return;
      const piece = delta.slice(0, room);
      streamed += piece;
      emit({ type: 'text-delta', delta: piece });
    },
    streamed: () => streamed,
    replied: (fitted, basicMode) => reply.fromGraph(fitted, basicMode, graphSignal.aborted),
    signal: graphSignal,
    defer: parts.defer,
    timing: parts.timing,
    effects: parts.effects,
    // LangGraph copies and stringifies parts of `configurable`; the runtime holds live clients, so it says no.
    toJSON: () => 'turn-runtime',
  };
};

/** Starts the planner graph on one message; the thread's checkpoint is saved once, when the run exits. */
export const startGraph = (
  graph: PlannerGraph,
  turn: { input: ConverseInput; now: Date; threadKey: string },
  runtime: TurnRuntime,
  signal: AbortSignal,
) =>
  graph.invoke(
    {
      turn: {
        userId: turn.input.userId,
        channel: turn.input.channel,
        threadId: turn.input.threadId,
        messageId: turn.input.messageId,
        message: turn.input.message,
        now: turn.now.toISOString(),
      },
    },
    {
      configurable: { thread_id: turn.threadKey, runtime },
      signal,
      durability: 'exit',
      recursionLimit: 40,
    },
  );

/** The stop button stops the turn until its reply exists; after that the graph finishes remembering it. */
export const stopUntilAnswered = (signal: AbortSignal | undefined, isAnswered: () => boolean) => {
  const graphStop = new AbortController();
  const stop = () => {
    if (!isAnswered()) graphStop.abort(signal?.reason);
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return { graphStop, release: () => signal?.removeEventListener('abort', stop) };
};
