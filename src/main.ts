import { createHmac } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createAccountService } from './account-parts.js';
import { attachLocalServices, type LocalService } from './dev/local-services.js';
import { agentIndexes, createAgents, type Agents } from './agents/index.js';
import { createEmbedder } from './agents/embeddings/index.js';
import {
  LINK_ATTEMPTS,
  resumeAccountDeletions,
  resumeAccountMerges,
  type AccountService,
} from './domain/account/index.js';
import { createAdminReads } from './domain/admin/index.js';
import { createDomain, domainIndexes, type Domain } from './domain/deps.js';
import { sweepStaleFocusSessions } from './domain/focus/index.js';
import { markTaskSteps } from './domain/tasks/index.js';
import { sweepProofImages } from './domain/proof-images/index.js';
import { createApp, type App } from './http/app.js';
import type { OAuthServerDeps } from './http/oauth/routes.js';
import { createMetrics } from './http/metrics.js';
import { createEmailSender } from './channels/email/email-sender.js';
import { canEmailReach, markEmailBounced } from './domain/email-addresses/index.js';
import { emailUnsubscribeUrl } from './http/routes/email-unsubscribe.js';
import { createSmsChannel, smsIndexes } from './channels/sms/index.js';
import {
  CHANNEL_BUDGETS,
  createChannelRegistry,
  createInboundQueue,
  inboundIndexes,
  type ChannelRegistry,
  type InboundQueue,
} from './channels/index.js';
import { createSlackAdapter, slackIndexes } from './channels/slack/index.js';
import {
  createInboxPublisher,
  createInboxSubscriber,
  createWebChannel,
  createWebInbox,
  inboxIndexes,
  createRateLimiter,
  loadWidgetSecret,
  sweepSilentAnonymousAccounts,
  type WebInbox,
} from './channels/web/index.js';
import {
  createJobQueues,
  createJobs,
  createLlmCounters,
  queueNames,
  type Jobs,
  type Sweep,
} from './jobs/index.js';
import { createMemory, memoryIndexes, type MemoryService } from './memory/index.js';
import { createConversations, plannerIndexes, type PlannerConversations } from './planner/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import { closeDatabase, connectDatabase, ensureIndexes, type Database } from './shared/db.js';
import { createLogger, redactUrl, type Logger } from './shared/logger.js';
import { connectRedis } from './redis.js';

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

/** The composition root: connects everything, ensures indexes, builds the app. Nothing else connects. */
export const createDeps = async (config: Config, overrides: DepsOverrides = {}): Promise<Deps> => {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const local = await attachLocalServices(config, (message) => logger.info(message));
  const { mongodbUri, redisUrl } = local;

  try {
    const database = await connectDatabase({
      uri: mongodbUri,
      dbName: config.mongodbDb,
      timeoutMs: config.timeouts.mongodbMs,
    });
    logger.info({ mongodb: redactUrl(mongodbUri), db: config.mongodbDb }, 'connected to MongoDB');
    await ensureIndexes(database.backgroundDb, [
      ...domainIndexes,
      inboxIndexes,
      inboundIndexes,
      slackIndexes,
      ...smsIndexes,
      ...agentIndexes,
      ...memoryIndexes,
      ...plannerIndexes,
    ]);
    await markTaskSteps(database.backgroundDb);
    const redis = connectRedis(redisUrl, 'focusforge', config.timeouts.redisMs);
    redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
    await redis
      .connect()
      .catch((error: Error) => logger.warn({ err: error.message }, 'redis not reachable yet'));

    const channels = createChannelRegistry();
    const jobQueues = createJobQueues({
      db: database.backgroundDb, // the timer reads; deliveries go through `domain`, bounded like any request
      redisUrl,
      producerRedis: redis,
      config: config.jobs,
      logger,
      clock,
    });
    const domain = createDomain(database.db, clock, {
      proofImageLimits: config.proofImages,
      isChannelConfigured: channels.isConfigured,
      onTaskWritten: jobQueues.onTaskWritten, // task writes plan their reminders at once
      senders: channels.senders,
    });
    const widgetSecret = await loadWidgetSecret(config.chat.widgetSecret, config.dataDir);
    const embedder = createEmbedder(config.embeddings);
    const memory = createMemory({
      db: database.db,
      embedder,
      clock,
      indexDirectory: config.memoryIndexDir,
      logger,
      audit: domain.audit,
    });
    const llmCounters = createLlmCounters(redis, config.jobs.prefix, logger);
    const agents = createAgents({
      config: config.llm,
      counters: llmCounters,
      db: database.db,
      domain,
      logger,
      clock,
      memory,
      proofImageHosts: config.proofImages.urlHosts,
    });
    // Each delivered reminder/check-in is announced on Redis so any HTTP node can push it to an open widget.
    const onInboxError = (error: Error) =>
      logger.warn({ err: error.message }, 'web chat notifications problem');
    const inbox = createWebInbox(
      database.db,
      clock,
      createInboxPublisher(redis, config.jobs.prefix, onInboxError),
    );
    // Unsubscribe links are signed with a key derived from the deployment's one secret (the widget's).
    const unsubscribeSecret = createHmac('sha256', widgetSecret)
      .update('email-unsubscribe')
      .digest('base64url');
    const baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const email = config.email
      ? createEmailSender({
          ...config.email,
          unsubscribeUrl: (userId) => emailUnsubscribeUrl(baseUrl, unsubscribeSecret, userId),
          canReach: (address) => canEmailReach(domain, address),
          onRejected: (address, reason) => markEmailBounced(domain, address, reason),
        })
      : undefined;
    if (email) channels.register({ channel: 'email', sender: email.sender, budget: CHANNEL_BUDGETS.email });
    const sweeps: Sweep[] = [
      { name: 'link_codes', run: (now) => domain.identities.sweepLinkCodes(now) },
      {
        name: 'oauth',
        run: async (now) => (await domain.oauthStore.sweep(now)) + (await domain.signInCodes.sweep(now)),
      },
      { name: 'nudge_slots', run: (now) => domain.notifications.sweepNudgeSlots(now) },
      // Retries end within hours; a fortnight-old claim guards nothing any more.
      {
        name: 'notification_claims',
        run: (now) => domain.notifications.sweepClaims(new Date(now.getTime() - 14 * 86_400_000)),
      },
      { name: 'memories', run: async () => Object.values(await memory.sweep()).reduce((a, b) => a + b, 0) },
      { name: 'focus_sessions', run: () => sweepStaleFocusSessions(domain) },
      {
        name: 'proof_images',
        run: () =>
          sweepProofImages({
            ...domain,
            isReferenceLive: async (userId, ref) => {
              const task = ref.startsWith('task:') ? await domain.tasks.get(userId, ref.slice(5)) : null;
              return Boolean(task && !task.deletedAt);
            },
          }),
      },
      {
        name: 'anonymous_accounts',
        run: () => sweepSilentAnonymousAccounts(domain, config.chat.anonymousIdleHours),
      },
      // No provider retries a webhook after a month; the receipt has done its work.
      { name: 'inbound_events', run: (now) => inbound.sweep(new Date(now.getTime() - 30 * 86_400_000)) },
      // Finishes account deletions a crash or a dropped request left halfway.
      { name: 'account_deletions', run: () => resumeAccountDeletions(account) },
      // Finishes account merges ("link CODE") a crash left halfway.
      { name: 'account_merges', run: () => resumeAccountMerges(account) },
    ];
    const jobs = createJobs(jobQueues, {
      deliver: {
        users: domain.users,
        identities: domain.identities,
        notifications: domain.notifications,
        senders: channels.senders,
        clock,
      },
      sweeps,
    });
    const conversations = createConversations({
      db: database.db,
      domain,
      agents,
      memory,
      logger,
      clock,
      scheduler: jobs.scheduler,
      mcpServers: config.plannerMcpServers,
      llmDeadlineMs: config.llm.timeoutMs,
      crisisResources: config.crisisResources,
      replyBudget: channels.budgetOf,
    });
    const inbound = createInboundQueue({
      db: database.db,
      redisUrl,
      prefix: config.jobs.prefix,
      producerTimeoutMs: config.jobs.producerTimeoutMs,
      producerRedis: redis,
      conversations,
      channels,
      clock,
      logger,
      lockDurationMs: config.jobs.lockDurationMs,
      concurrency: config.jobs.concurrency,
    });
    const linkLimiter = createRateLimiter(redis, config.jobs.prefix, (error) =>
      logger.warn({ err: error.message }, 'link attempt counter unavailable; refusing link codes'),
    );
    const account = createAccountService({
      db: database.db,
      domain,
      memory,
      conversations,
      queues: [...queueNames.map((name) => jobs.queues[name]), inbound.queue],
      redis,
      jobsPrefix: config.jobs.prefix,
      limitLinkAttempts: (key) =>
        linkLimiter.hit('link', key, LINK_ATTEMPTS, {
          failClosed: true, // a guess must never get through because Redis is away
          message: (s) => `That's too many link codes tried. Please try again in ${s} s.`,
        }),
    });
    // Channel adapters that need the inbound queue (SMS, Slack) register here, before the app mounts their routes.
    if (config.slack)
      channels.register(
        createSlackAdapter({
          config: config.slack,
          db: database.db,
          domain,
          account,
          redis,
          prefix: config.jobs.prefix,
          logger,
          inbound,
          publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
          proofImageMaxBytes: config.proofImages.maxBytes,
        }),
      );
    if (config.sms)
      channels.register(
        createSmsChannel({
          config: config.sms,
          db: database.db,
          domain,
          account,
          logger,
          publicBaseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
          proofImageMaxBytes: config.proofImages.maxBytes,
          redis,
          redisPrefix: config.jobs.prefix,
          enqueue: (job) => inbound.enqueue(job),
        }).adapter,
      );
    const chatEvents = createInboxSubscriber(
      () => connectRedis(redisUrl, 'focusforge-chat-events', config.timeouts.redisMs),
      config.jobs.prefix,
      onInboxError,
    );
    const chat = {
      conversations,
      redis,
      subscriber: chatEvents,
      prefix: config.jobs.prefix,
      secret: widgetSecret,
      allowedOrigins: config.chat.allowedOrigins,
      messagesPerMinute: config.chat.messagesPerMinute,
      requestsPerMinutePerIp: config.chat.requestsPerMinutePerIp,
      trustedProxies: config.trustProxyHops,
      anonymousSessionsPerMinute: config.chat.anonymousSessionsPerMinute,
      eventStreamsPerUser: config.chat.eventStreamsPerUser,
      operatorMaxAgeSeconds: config.chat.operatorMaxAgeSeconds,
    };
    const listen = { host: config.host, port: config.port };
    const webRoutes = { ...chat, domain, inbox, logger, publicUrl: config.publicUrl, listen, account };
    channels.register(createWebChannel({ inbox, routes: webRoutes }));
    const metrics = createMetrics(jobs.ops, llmCounters);
    const oauth = config.oauth && {
      settings: {
        accessTokenTtlSeconds: config.oauth.accessTokenTtlSeconds,
        refreshTokenTtlDays: config.oauth.refreshTokenTtlDays,
        registrationsPerHour: config.oauth.registrationsPerHour,
        // One secret per deployment already exists (the widget's); OAuth keys are derived from it unless set.
        secret: config.oauth.secret ?? createHmac('sha256', chat.secret).update('oauth').digest('base64url'),
      },
      limiter: createRateLimiter(redis, config.jobs.prefix, (error) =>
        logger.warn({ err: error.message }, 'oauth rate limit counter unavailable'),
      ),
      senders: channels.senders,
      fetch: overrides.oauthFetch,
      trustedProxies: config.trustProxyHops,
    };
    const app = createApp({
      domain,
      agents,
      memory,
      scheduler: jobs.scheduler,
      inbox,
      account,
      admin: {
        ...domain,
        reads: createAdminReads(database.db, {
          turnsOf: (userId) => conversations.activityOf(userId),
          llmTotalsOf: async (userId) => {
            const { calls, failures, inputTokens, outputTokens, costUsd } = await agents.usage.summarize(
              userId,
              {
                from: new Date(0),
                to: clock.now(),
              },
            );
            return { calls, failures, inputTokens, outputTokens, costUsd };
          },
        }),
        queueDepth: async () => (await jobs.ops.read()).queues,
      },
      channels,
      logger,
      metrics,
      metricsToken: config.metricsToken,
      emailUnsubscribeSecret: unsubscribeSecret,
      bodyLimitBytes: config.apiBodyLimitBytes,
      mcpBodyLimitBytes: config.mcpBodyLimitBytes,
      publicUrl: config.publicUrl,
      listen,
      mcp: { allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins },
      oauth,
      readiness: [
        {
          name: 'mongodb',
          check: async () => (await database.db.command({ ping: 1 }, { timeoutMS: 1_000 })).ok === 1,
        },
        { name: 'redis', check: async () => (await redis.ping()) === 'PONG' },
      ],
    });

    const close = async () => {
      await chatEvents.close();
      await inbound.close(); // lets in-flight turns finish while the planner still runs
      await conversations.close();
      await jobs.close();
      await memory.close(); // writes changed index files; they would be rebuilt anyway, this saves the work
      email?.close();
      redis.disconnect();
      await closeDatabase(database);
      await local.release();
    };
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
