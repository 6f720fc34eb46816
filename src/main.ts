import { serve, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { attachLocalServices, type LocalService } from './dev/local-services.js';
import type { Agents } from './agents/index.js';
import type { AccountService } from './domain/account/index.js';
import type { Domain } from './domain/create-domain.js';
import type { App } from './http/app.js';
import type { OAuthServerDeps } from './http/oauth/routes.js';
import type { ChannelRegistry, InboundQueue } from './channels/index.js';
import { loadWidgetSecret, type WebInbox } from './channels/web/index.js';
import type { Jobs, Sweep } from './jobs/index.js';
import type { MemoryService } from './memory/index.js';
import type { PlannerConversations } from './planner/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Database } from './shared/db.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createAccount, createInbound, createPlanner } from './composition/assistant.js';
import { createChatEvents, registerQueuedChannels, registerWebChannel } from './composition/channels.js';
import {
  createAnnouncingInbox,
  createDeliveringJobs,
  inboxErrorLogger,
  registerEmailChannel,
} from './composition/delivery.js';
import { createDomainWithHooks } from './composition/domain.js';
import { createHttpApp } from './composition/http-app.js';
import { createMemoryAndAgents } from './composition/intelligence.js';
import type { Root } from './composition/root.js';
import { closeInOrder } from './composition/shutdown.js';
import { connectStores } from './composition/stores.js';
import { maintenanceSweeps } from './composition/sweeps.js';

export type Deps = {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  redis: Redis;
  domain: Domain;
  /** LLM chains with their basic (offline) mode; usable whether or not an LLM endpoint is configured. */
  agents: Agents;
  /** Short-term, working, long-term and semantic memory, per user. */
  memory: MemoryService;
  /** The assistant every channel talks to (the LangGraph planner). */
  conversations: PlannerConversations;
  app: App;
  jobs: Jobs;
  inbox: WebInbox;
  /** The channels configured here; an adapter registered in it gets its routes mounted and its queued turns run. */
  channels: ChannelRegistry;
  /** Messages from channels that acknowledge first (SMS, Slack), run by a worker. */
  inbound: InboundQueue;
  /** The hourly maintenance sweeps the scheduler runs (exposed so tests run exactly these). */
  sweeps: Sweep[];
  /** Everything a person owns, for their data export and account deletion. */
  account: AccountService;
  /** Servers this process started because none was configured. */
  localServices: LocalService[];
  close: () => Promise<void>;
};

export type DepsOverrides = {
  clock?: Clock;
  logger?: Logger;
  /** How the OAuth server fetches Client ID Metadata Documents (tests: a local https server it must trust). */
  oauthFetch?: OAuthServerDeps['fetch'];
};

/**
 * The composition root: connects everything, ensures indexes, builds the app. Nothing else connects. Each step is
 * one part of src/composition/, in the order they depend on each other.
 */
export const createDeps = async (config: Config, overrides: DepsOverrides = {}): Promise<Deps> => {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const local = await attachLocalServices(config, (message) => logger.info(message));
  const { redisUrl } = local;

  try {
    const { database, redis } = await connectStores(config, logger, local);
    const root: Root = { config, logger, clock, database, redis, redisUrl };
    const { channels, jobQueues, domain } = createDomainWithHooks(root);
    const widgetSecret = await loadWidgetSecret(config.chat.widgetSecret, config.dataDir);
    const { memory, llmCounters, agents } = createMemoryAndAgents(root, domain);
    const onInboxError = inboxErrorLogger(logger);
    const inbox = createAnnouncingInbox(root, onInboxError);
    const { email, unsubscribeSecret } = registerEmailChannel(root, { domain, channels, widgetSecret });
    const sweeps = maintenanceSweeps({
      domain,
      memory,
      anonymousIdleHours: config.chat.anonymousIdleHours,
      inbound: () => inbound,
      account: () => account,
    });
    const jobs = createDeliveringJobs(root, { jobQueues, domain, channels, sweeps });
    const conversations = createPlanner(root, { domain, agents, memory, jobs, channels });
    const inbound = createInbound(root, { conversations, channels });
    const account = createAccount(root, { domain, memory, conversations, jobs, inbound });
    // Channel adapters that need the inbound queue (SMS, Slack) register here, before the app mounts their routes.
    registerQueuedChannels(root, { channels, domain, account, inbound });
    const chatEvents = createChatEvents(root, onInboxError);
    registerWebChannel(root, { channels, conversations, chatEvents, widgetSecret, domain, inbox, account });
    const app = createHttpApp(root, {
      domain,
      agents,
      memory,
      jobs,
      inbox,
      account,
      channels,
      conversations,
      llmCounters,
      widgetSecret,
      emailUnsubscribeSecret: unsubscribeSecret,
      oauthFetch: overrides.oauthFetch,
    });

    const close = () =>
      closeInOrder({
        chatEvents,
        inbound,
        conversations,
        jobs,
        memory,
        email,
        redis,
        database,
        releaseLocalServices: () => local.release(),
      });
    return {
      config,
      logger,
      clock,
      database,
      redis,
      domain,
      agents,
      memory,
      conversations,
      app,
      jobs,
      inbox,
      channels,
      inbound,
      sweeps,
      account,
      localServices: local.owned,
      close,
    };
  } catch (error) {
    await local.release();
    throw error;
  }
};

/** The job workers and the inbound-message worker. */
const startBackground = async (deps: Deps) => {
  await Promise.all([deps.jobs.start(), deps.inbound.start()]);
};

/** Serves the app until SIGINT/SIGTERM, then drains and closes everything. */
export const startServer = async (deps: Deps): Promise<ServerType> => {
  if (deps.config.jobs.runInProcess) {
    // In the background: the API must come up even while Redis is still unreachable.
    void startBackground(deps).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'background workers failed to start'),
    );
  }
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: deps.app.fetch, hostname: deps.config.host, port: deps.config.port }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  deps.logger.info({ url: `http://${deps.config.host}:${port}` }, 'FocusForge is listening');
  stopOnSignals(deps, () => server.close());
  return server;
};

/** Runs only the background workers (a worker node); SIGTERM lets in-flight jobs finish first. */
export const startWorker = async (deps: Deps): Promise<void> => {
  await startBackground(deps);
  stopOnSignals(deps, () => undefined);
};

const stopOnSignals = (deps: Deps, stopAccepting: () => void) => {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    stopAccepting();
    void deps.close().then(
      () => process.exit(0),
      (error: unknown) => {
        deps.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
};
