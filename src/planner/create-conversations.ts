import type { Db } from 'mongodb';
import type { Agents } from '../agents/index.js';
import type { Domain } from '../domain/deps.js';
import { storeProofImage } from '../domain/proof-images/index.js';
import { assertAccountActive } from '../domain/users/account-status.js';
import type { NotificationScheduler } from '../domain/notifications/notification-scheduler.js';
import type { MemoryService } from '../memory/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError, toAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { MongoSaver } from './checkpoint/mongo-saver.js';
import { createConversationStore, turnIdsOf } from './conversation-store.js';
import {
  ConverseInputSchema,
  type Conversation,
  type ConverseEvent,
  type ConverseInput,
  type Conversations,
  type Reply,
  type ReplyPart,
  type ReplyBudget,
} from './conversation-types.js';
import type { Channel } from '../domain/channel.js';
import { createEventQueue } from './event-queue.js';
import { PARTLY_DONE, replayTurn } from './replay-turn.js';
import { buildPlannerGraph } from './graph/graph.js';
import { threadKeyOf, type PlannerServices, type TurnRuntime } from './graph/runtime.js';
import { DEFAULT_CRISIS_RESOURCES, type CrisisResources } from './guardrails/crisis-resources.js';
import { fitReply } from './reply/fit-reply.js';
import { createPersonCache } from './person-cache.js';
import { createToolHub } from './tools/tool-hub.js';
import type { PlannerMcpServer } from './tools/external-servers.js';

export type ConversationsDeps = {
  db: Db;
  domain: Domain;
  agents: Agents;
  memory: MemoryService;
  logger: Logger;
  clock: Clock;
  /** Start mode's check-back and snoozing schedule through it. */
  scheduler?: NotificationScheduler;
  /** Operator-configured external MCP servers (PLANNER_MCP_SERVERS). */
  mcpServers?: PlannerMcpServer[];
  /** Decide rounds per turn; default 6. */
  stepLimit?: number;
  /** Tool calls per turn; default 12. */
  toolCallLimit?: number;
  /** Per LLM round, retries included; default 30 s. */
  llmDeadlineMs?: number;
  /** Crisis lines per country added to (or replacing) the defaults; see docs/safety.md. */
  crisisResources?: CrisisResources;
  /** The room each channel has for a reply: channels state it (src/channels/budgets.ts), the planner fits to it. */
  replyBudget: (channel: Channel) => ReplyBudget;
};

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

/** The channel contract plus what tests and benchmarks need: stats per turn and waiting for background work. */
export type PlannerConversations = Conversations & {
  converse: (input: ConverseInput, options?: ConverseOptions) => Conversation;
  /** Resolves when every turn and its after-reply work (memory writes, usage records) has finished. */
  idle: () => Promise<void>;
  /** Deletes a person's turns and checkpoints, stored and cached (account deletion). */
  forgetUser: (userId: string) => Promise<void>;
};

/** The conversation service every channel uses: one LangGraph planner, threads checkpointed in MongoDB. */
export const createConversations = (deps: ConversationsDeps): PlannerConversations => {
  const store = createConversationStore(deps.db);
  const hub = createToolHub({
    domain: deps.domain,
    agents: deps.agents,
    memory: deps.memory,
    logger: deps.logger,
    externalServers: deps.mcpServers ?? [],
    ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
  });
  const services: PlannerServices = {
    domain: deps.domain,
    agents: deps.agents,
    memory: deps.memory,
    logger: deps.logger,
    clock: deps.clock,
    people: createPersonCache({
      domain: deps.domain,
      memory: deps.memory,
      logger: deps.logger,
      clock: deps.clock,
    }),
    stepLimit: deps.stepLimit ?? 6,
    toolCallLimit: deps.toolCallLimit ?? 12,
    llmDeadlineMs: deps.llmDeadlineMs ?? 30_000,
    crisisResources: { ...DEFAULT_CRISIS_RESOURCES, ...deps.crisisResources },
  };
  const saver = new MongoSaver(deps.db, {
    onBackgroundError: (error) =>
      deps.logger.warn({ err: (error as Error).message }, 'planner: could not delete old checkpoints'),
  });
  const graph = buildPlannerGraph(services, saver);
  /** One turn at a time per thread in this process, so a thread's state is never written by two turns at once. */
  const threadLocks = new Map<string, Promise<unknown>>();
  const running = new Set<Promise<unknown>>();

  /**
   * Runs turns of one thread one after another. A turn's deferred work (memory writes) starts once its reply is
   * stored, so it never competes with the reply; it still holds the thread, so the next turn sees its effects.
   */
  const serialized = <T>(
    key: string,
    work: (defer: (later: () => Promise<unknown>) => void) => Promise<T>,
  ): Promise<T> => {
    const previous = threadLocks.get(key) ?? Promise.resolve();
    const deferred: (() => Promise<unknown>)[] = [];
    const result = previous.catch(() => undefined).then(() => work((later) => deferred.push(later)));
    // Deferred work may defer more (the rest of a turn's graph remembers the turn): run until none is left.
    const drain = async () => {
      while (deferred.length > 0)
        await Promise.allSettled(deferred.splice(0).map((later) => Promise.resolve().then(later)));
    };
    const held = result.catch(() => undefined).then(drain);
    threadLocks.set(key, held);
    running.add(held);
    void held.finally(() => {
      running.delete(held);
      if (threadLocks.get(key) === held) threadLocks.delete(key);
    });
    return result;
  };

  const runTurn = async (
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
        gateway: await hub.forUser(input.userId),
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

  return {
    converse: (raw, options = {}) => {
      const queue = createEventQueue();
      const emit = (event: ConverseEvent) => {
        if (!options.signal?.aborted) queue.push(event);
      };
      const parsed = ConverseInputSchema.safeParse(raw);
      const reply: Promise<Reply> = parsed.success
        ? serialized(threadKeyOf(parsed.data), (defer) => runTurn(parsed.data, options, emit, defer))
        : Promise.reject(
            new AppError('VALIDATION_FAILED', 'That message could not be read.', {
              details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            }),
          );
      const tracked = reply.then(
        (final) => {
          emit({ type: 'done', reply: final });
          queue.close();
        },
        (error: unknown) => {
          const appError = toAppError(error);
          if (appError.code === 'INTERNAL') deps.logger.error({ err: error }, 'planner turn failed');
          emit({ type: 'error', message: appError.userMessage });
          queue.close();
        },
      );
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      options.signal?.addEventListener('abort', () => queue.close(), { once: true });
      return { events: queue.iterable, reply };
    },
    history: async (userId, channel, threadId, limit = 50) =>
      store.history(userId, threadKeyOf({ userId, channel, threadId }), Math.min(Math.max(1, limit), 500)),
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
      await saver.idle();
    },
    forgetUser: async (userId) => {
      await store.removeUser(userId);
      // Thread keys begin with the person's id (threadKeyOf), so their threads share this prefix.
      await saver.deleteThreadsStartingWith(threadKeyOf({ userId, channel: '', threadId: '' }).slice(0, -1));
    },
    close: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
      await saver.idle();
      await hub.close();
    },
  };
};
