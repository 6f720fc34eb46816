import type { Db } from 'mongodb';
import type { Agents } from '../agents/index.js';
import type { Channel, Domain, NotificationScheduler } from '../domain/index.js';
import type { MemoryService } from '../memory/index.js';
import { AppError, toAppError, type Clock, type Logger } from '../shared/index.js';
import { MongoSaver } from './checkpoint/mongo-saver.js';
import { createConversationStore } from './conversation-store.js';
import {
  ConverseInputSchema,
  type Conversation,
  type ConverseEvent,
  type ConverseInput,
  type Conversations,
  type Reply,
  type ReplyBudget,
} from './conversation-types.js';
import { createEventQueue } from './event-queue.js';
import { createTurnRunner } from './run-turn.js';
import { buildPlannerGraph } from './graph/graph.js';
import { threadKeyOf, type PlannerServices } from './graph/runtime.js';
import { DEFAULT_CRISIS_RESOURCES, type CrisisResources } from './guardrails/crisis-resources.js';
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
  scheduler: NotificationScheduler;
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

import type { ConverseOptions } from './run-turn.js';

export type { ConverseOptions, TurnStats } from './run-turn.js';

/** The channel contract plus what tests and benchmarks need: stats per turn and waiting for background work. */
export type PlannerConversations = Conversations & {
  converse: (input: ConverseInput, options?: ConverseOptions) => Conversation;
  /** Resolves when every turn and its after-reply work (memory writes, usage records) has finished. */
  idle: () => Promise<void>;
  /** Deletes a person's turns and checkpoints, stored and cached (account deletion). */
  forgetUser: (userId: string) => Promise<void>;
  /** How many messages a person sent, and when their latest turn was. */
  activityOf: (userId: string) => Promise<{ turns: number; lastAt: Date | null }>;
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
    scheduler: deps.scheduler,
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

  const runTurn = createTurnRunner({
    domain: deps.domain,
    clock: deps.clock,
    logger: deps.logger,
    replyBudget: deps.replyBudget,
    store,
    saver,
    graph,
    gatewayFor: (userId) => hub.forUser(userId),
  });

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
    activityOf: (userId) => store.activityOf(userId),
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
