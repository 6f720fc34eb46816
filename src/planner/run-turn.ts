import type { Domain } from '../domain/deps.js';
import type { Channel } from '../domain/channel.js';
import { storeProofImage } from '../domain/proof-images/index.js';
import { assertAccountActive } from '../domain/users/account-status.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { MongoSaver } from './checkpoint/mongo-saver.js';
import { turnIdsOf, type ConversationStore } from './conversation-store.js';
import type { ConverseEvent, ConverseInput, Reply, ReplyBudget, ReplyPart } from './conversation-types.js';
import type { PlannerGraph } from './graph/graph.js';
import { threadKeyOf, type TurnRuntime } from './graph/runtime.js';
import { PARTLY_DONE, replayTurn } from './replay-turn.js';
import { fitReply } from './reply/fit-reply.js';
import type { ToolGateway } from './tools/tool-hub.js';

// One turn's lifecycle, from a parsed message to a stored reply: claim the message (a re-send replays the stored
// reply), run the graph, answer as soon as the reply is stored, finish remembering after it, and on failure release,
// abandon or replay the claim. createConversations serializes turns per thread and calls this for each.

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
    // The message is claimed while the thread's checkpoint loads and the graph starts. The graph waits for the claim
    // before it decides anything (load_context); a run whose message was seen before stops there and saves nothing.
    saver.prefetch(threadKey);
    const claim = store.claim({ ...record, userParts: userPartsOf(input.message), createdAt: now });
    const claimed: Promise<'ours' | 'seen' | 'failed'> = claim.then(
      (ours) => (ours ? 'ours' : 'seen'),
      () => 'failed',
    );
    const admitted = claim
      .then((ours) => {
        if (!ours) throw new AppError('CONFLICT', 'This message was seen before.');
      })
      .catch((error: unknown) => {
        saver.withhold(threadKey); // before the graph sees the failure and saves on its way out
        throw error;
      });
    admitted.catch(() => undefined); // the graph and the failure path below handle it
    /** Builds the reply and starts storing it. */
    const answer = (fitted: { parts: ReplyPart[]; text: string }, basicMode: boolean) => {
      const reply: Reply = {
        id: replyId,
        threadId: input.threadId,
        ...fitted,
        basicMode,
        createdAt: deps.clock.now().toISOString(),
      };
      const stored = store.finish(record, reply);
      stored.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      return { reply, stored };
    };
    let answered: ReturnType<typeof answer> | undefined;
    let onAnswered = () => {};
    const answeredNow = new Promise<void>((resolve) => (onAnswered = resolve));
    // The stop button stops the turn until its reply exists; after that the graph finishes remembering it.
    const graphStop = new AbortController();
    const stop = () => {
      if (!answered) graphStop.abort(options.signal?.reason);
    };
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
    let run: Promise<unknown> | undefined;
    try {
      const budget = deps.replyBudget(input.channel);
      let streamed = '';
      const runtime: TurnRuntime = {
        admitted,
        budget,
        gateway: await deps.gatewayFor(input.userId),
        emit,
        streamText: (delta) => {
          const room = budget.maxChars - streamed.length;
          if (room <= 0 || options.signal?.aborted) return;
          const piece = delta.slice(0, room);
          streamed += piece;
          emit({ type: 'text-delta', delta: piece });
        },
        streamed: () => streamed,
        replied: async (fitted, basicMode) => {
          if (answered || graphStop.signal.aborted) return;
          answered = answer(fitted, basicMode);
          await answered.stored.catch(() => undefined); // the failure is the turn's to report, below
          onAnswered();
        },
        signal: graphStop.signal,
        defer,
        timing,
        effects,
        // LangGraph copies and stringifies parts of `configurable`; the runtime holds live clients, so it says no.
        toJSON: () => 'turn-runtime',
      };
      const graphRun = graph.invoke(
        {
          turn: {
            userId: input.userId,
            channel: input.channel,
            threadId: input.threadId,
            messageId: input.messageId,
            message: input.message,
            now: now.toISOString(),
          },
        },
        {
          configurable: { thread_id: threadKey, runtime },
          signal: graphStop.signal,
          durability: 'exit',
          recursionLimit: 40,
        },
      );
      run = graphRun;
      // The reply goes out as soon as it is stored; remembering the turn and saving the checkpoint finish after it,
      // still holding the thread (its next turn starts from the saved state).
      const outcome = await Promise.race([
        answeredNow.then(() => null),
        graphRun.then(
          () => null,
          (error: unknown) => ({ error }),
        ),
      ]);
      if (!answered && (await claimed) !== 'ours')
        throw outcome?.error ?? new Error('planner: the turn ended unclaimed');
      if (outcome && !answered && !graphStop.signal.aborted) throw outcome.error;
      answered ??= answer(
        fitReply([{ type: 'text', text: streamed ? `${streamed} …(stopped)` : 'Okay, I stopped.' }], budget),
        true,
      );
      await answered.stored;
      const totalMs = performance.now() - started;
      defer(async () => {
        try {
          await graphRun;
        } catch (error) {
          if (!graphStop.signal.aborted)
            deps.logger.warn(
              { err: (error as Error).message },
              'planner: turn answered, but its state was not saved',
            );
        } finally {
          options.signal?.removeEventListener('abort', stop);
          options.onStats?.({ totalMs, settledMs: performance.now() - started, ...timing, replayed: false });
        }
      });
      const { reply } = answered;
      if (!options.signal?.aborted) for (const part of reply.parts.slice(1)) emit({ type: 'part', part });
      return reply;
    } catch (error) {
      options.signal?.removeEventListener('abort', stop);
      saver.discard(threadKey);
      graphStop.abort(error);
      // The run's exit save, if any, is over (or was withheld) before the thread moves on.
      await Promise.all([run?.catch(() => undefined), admitted.catch(() => undefined)]);
      saver.allow(threadKey);
      const claimState = await claimed;
      if (claimState === 'seen') {
        // A message seen before: its stored reply, without acting again.
        const reply = await replayTurn({ store, clock: deps.clock }, turnId, input.threadId, emit);
        const totalMs = performance.now() - started;
        options.onStats?.({ totalMs, settledMs: totalMs, ...timing, replayed: true });
        return reply;
      }
      if (claimState === 'ours' && effects.writes > 0) {
        // Something may have changed: keep the message so a re-send cannot do it twice, and say so honestly.
        await store.abandon(turnId).catch(() => undefined);
        throw new AppError('UNAVAILABLE', PARTLY_DONE, { retryable: false, cause: error });
      }
      if (claimState === 'ours') await store.release(turnId).catch(() => undefined);
      throw error;
    }
  };
};
