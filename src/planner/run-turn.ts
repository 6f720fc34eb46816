import { assertAccountActive, storeProofImage, type Channel, type Domain } from '../domain/index.js';
import type { Clock, Logger } from '../shared/index.js';
import type { MongoSaver } from './checkpoint/mongo-saver.js';
import { turnIdsOf, type ConversationStore } from './conversation-store.js';
import type { ConverseEvent, ConverseInput, Reply, ReplyBudget, ReplyPart } from './conversation-types.js';
import type { PlannerGraph } from './graph/graph.js';
import { threadKeyOf } from './graph/runtime.js';
import type { ToolGateway } from './tools/tool-hub.js';
import { claimMessage } from './turn-claim.js';
import { recoverFailedTurn } from './turn-failure.js';
import { createTurnReply, storedReplyOf } from './turn-reply.js';
import { createTurnRuntime, startGraph, stopUntilAnswered } from './turn-runtime.js';

// One turn's lifecycle, from a parsed message to a stored reply: claim the message (a re-send replays the stored
// reply), run the graph, answer as soon as the reply is stored, finish remembering after it, and on failure release,
// abandon or replay the claim. createConversations serializes turns per thread and calls this for each. The steps
// live beside this file: turn-claim (claim the message, load the checkpoint), turn-runtime (run the graph, the stop
// button), turn-reply (the one reply and its storing), turn-failure (release, abandon or replay).

/**
 * Where a turn's time went, for the benchmark: the planner's own share is the total minus LLM and tools. `totalMs`
 * ends when the reply is stored and handed back; `settledMs` when the turn is remembered and its checkpoint saved.
 * Reported once the turn has settled.
 */
export type TurnStats = {
  totalMs: number;
  settledMs: number;
  llmMs: number;
  toolMs: number;
  toolCalls: number;
  replayed: boolean;
};
export type ConverseOptions = { signal?: AbortSignal; onStats?: (stats: TurnStats) => void };

const userPartsOf = (message: ConverseInput['message']): ReplyPart[] => {
  if ('text' in message) return [{ type: 'text', text: message.text }];
  if ('action' in message) return [{ type: 'text', text: `(${message.action.type.replace(/_/g, ' ')})` }];
  return [{ type: 'text', text: message.proof.text ? `(proof) ${message.proof.text}` : '(proof: image)' }];
};

/**
 * A proof photo is stored once, before the turn starts, and the turn carries only its id: turn records, checkpoints
 * and tool arguments stay small however large the photo was. A re-sent message maps to the same stored photo.
 */
const withStoredImage = async (domain: Domain, input: ConverseInput): Promise<ConverseInput> => {
  const { message } = input;
  if (!('proof' in message) || message.proof.imageDataUrl === undefined) return input;
  const { imageDataUrl, ...rest } = message.proof;
  const imageId = await storeProofImage(domain, input.userId, imageDataUrl);
  return { ...input, message: { proof: { ...rest, imageId } } };
};

export type TurnRunnerDeps = {
  domain: Domain;
  clock: Clock;
  logger: Logger;
  replyBudget: (channel: Channel) => ReplyBudget;
  store: ConversationStore;
  saver: MongoSaver;
  graph: PlannerGraph;
  /** The tools the turn may call, as this person. */
  gatewayFor: (userId: string) => Promise<ToolGateway>;
};

/** Reports the turn's stats once the graph has remembered the turn and saved its checkpoint (or failed to). */
const finishRemembering = async (
  logger: Logger,
  graphRun: Promise<unknown>,
  graphSignal: AbortSignal,
  settled: () => void,
) => {
  try {
    await graphRun;
  } catch (error) {
    if (!graphSignal.aborted)
      logger.warn({ err: (error as Error).message }, 'planner: turn answered, but its state was not saved');
  } finally {
    settled();
  }
};

/** Runs one turn of a thread; the caller holds the thread (one turn at a time) and runs `defer`red work after it. */
export const createTurnRunner = (deps: TurnRunnerDeps) => {
  const { store, saver, graph } = deps;
  return async (
    received: ConverseInput,
    options: ConverseOptions,
    emit: (e: ConverseEvent) => void,
    defer: (later: () => Promise<unknown>) => void,
  ): Promise<Reply> => {
    const started = performance.now();
    // Web chat, SMS and Slack all reach the planner here: a disabled person is told so, and nothing runs.
    await assertAccountActive(deps.domain, received.userId);
    const input = await withStoredImage(deps.domain, received);
    const threadKey = threadKeyOf(input);
    const { turnId, replyId } = turnIdsOf(threadKey, input.messageId);
    const now = deps.clock.now();
    emit({ type: 'start', messageId: replyId });
    const timing = { llmMs: 0, toolMs: 0, toolCalls: 0 };
    const effects = { writes: 0 };
    const record = { _id: turnId, userId: input.userId, threadKey };
    const { claimed, admitted } = claimMessage(store, saver, {
      ...record,
      userParts: userPartsOf(input.message),
      createdAt: now,
    });
    const reply = createTurnReply(deps, record, { replyId, threadId: input.threadId });
    const stop = stopUntilAnswered(options.signal, () => reply.current() !== undefined);
    const graphSignal = stop.graphStop.signal;
    let run: Promise<unknown> | undefined;
    try {
      const budget = deps.replyBudget(input.channel);
      const gateway = await deps.gatewayFor(input.userId);
      const runtime = createTurnRuntime({
        admitted,
        budget,
        gateway,
        emit,
        defer,
        timing,
        effects,
        reply,
        graphSignal,
        callerSignal: options.signal,
      });
      const graphRun = startGraph(graph, { input, now, threadKey }, runtime, graphSignal);
      run = graphRun;
      const answer = await storedReplyOf(reply, {
        graphRun,
        claimed,
        graphSignal,
        streamed: runtime.streamed,
        budget,
      });
      const totalMs = performance.now() - started;
      // Remembering the turn and saving the checkpoint finish after the reply, still holding the thread.
      defer(() =>
        finishRemembering(deps.logger, graphRun, graphSignal, () => {
          stop.release();
          options.onStats?.({ totalMs, settledMs: performance.now() - started, ...timing, replayed: false });
        }),
      );
      if (!options.signal?.aborted) for (const part of answer.parts.slice(1)) emit({ type: 'part', part });
      return answer;
    } catch (error) {
      stop.release();
      const { graphStop } = stop;
      const failed = {
        threadKey,
        turnId,
        threadId: input.threadId,
        graphStop,
        run,
        admitted,
        claimed,
        effects,
        emit,
      };
      // Only a message seen before gets here past recoverFailedTurn: every other failure is thrown on.
      const replayed = await recoverFailedTurn(deps, failed, error);
      const totalMs = performance.now() - started;
      options.onStats?.({ totalMs, settledMs: totalMs, ...timing, replayed: true });
      return replayed;
    }
  };
};
