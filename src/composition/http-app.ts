import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Agents, LlmCounters } from '../agents/index.js';
import { createRateLimiter, type ChannelRegistry, type WebInbox } from '../channels/index.js';
import { createAdminReads, type AccountService, type Domain } from '../domain/index.js';
// The app is not in the http barrel: it mounts the channels' routes, and the channels use the barrel's plumbing.
import { createApp } from '../http/app.js';
import { createMetrics } from '../http/index.js';
import type { OAuthServerDeps } from '../http/oauth/routes.js';
import type { Jobs } from '../jobs/index.js';
import type { MemoryService } from '../memory/index.js';
import type { PlannerConversations } from '../planner/index.js';
import type { Clock, Database } from '../shared/index.js';
import type { Root } from './root.js';

export type HttpAppParts = {
  domain: Domain;
  agents: Agents;
  memory: MemoryService;
  jobs: Jobs;
  inbox: WebInbox;
  account: AccountService;
  channels: ChannelRegistry;
  conversations: PlannerConversations;
  llmCounters: LlmCounters;
  widgetSecret: string;
  emailUnsubscribeSecret: string;
  /** How the OAuth server fetches Client ID Metadata Documents (tests: a local https server it must trust). */
  oauthFetch: OAuthServerDeps['fetch'] | undefined;
};

/** The whole HTTP surface: REST, /mcp, the mounted channels, OAuth, the admin API, metrics and readiness. */
export const createHttpApp = (root: Root, parts: HttpAppParts) => {
  const { config, logger, database, redis } = root;
  const { domain, jobs } = parts;
  const metrics = createMetrics(jobs.ops, parts.llmCounters);
  const oauth = oauthServer(root, parts);
  return createApp({
    domain,
    agents: parts.agents,
    memory: parts.memory,
    scheduler: jobs.scheduler,
    inbox: parts.inbox,
    account: parts.account,
    admin: {
      ...domain,
      reads: adminReads(root.clock, database, parts),
      queueDepth: async () => (await jobs.ops.read()).queues,
    },
    channels: parts.channels,
    logger,
    metrics,
    metricsToken: config.metricsToken,
    emailUnsubscribeSecret: parts.emailUnsubscribeSecret,
    bodyLimitBytes: config.apiBodyLimitBytes,
    mcpBodyLimitBytes: config.mcpBodyLimitBytes,
    publicUrl: config.publicUrl,
    listen: { host: config.host, port: config.port },
    mcp: { allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins },
    oauth,
    readiness: readinessChecks(database, redis),
  });
};

/** The admin API's reads of a person's activity: planner turns and LLM totals since the start. */
const adminReads = (
  clock: Clock,
  database: Database,
  parts: Pick<HttpAppParts, 'conversations' | 'agents'>,
) =>
  createAdminReads(database.db, {
    turnsOf: (userId) => parts.conversations.activityOf(userId),
    llmTotalsOf: async (userId) => {
      const { calls, failures, inputTokens, outputTokens, costUsd } = await parts.agents.usage.summarize(
        userId,
        {
          from: new Date(0),
          to: clock.now(),
        },
      );
      return { calls, failures, inputTokens, outputTokens, costUsd };
    },
  });

/** The OAuth sign-in for MCP clients, unless OAUTH_ENABLED=false. */
const oauthServer = ({ config, logger, redis }: Root, parts: HttpAppParts) =>
  config.oauth && {
    settings: {
      accessTokenTtlSeconds: config.oauth.accessTokenTtlSeconds,
      refreshTokenTtlDays: config.oauth.refreshTokenTtlDays,
      registrationsPerHour: config.oauth.registrationsPerHour,
      // One secret per deployment already exists (the widget's); OAuth keys are derived from it unless set.
      secret:
        config.oauth.secret ?? createHmac('sha256', parts.widgetSecret).update('oauth').digest('base64url'),
    },
    limiter: createRateLimiter(redis, config.jobs.prefix, (error) =>
      logger.warn({ err: error.message }, 'oauth rate limit counter unavailable'),
    ),
    senders: parts.channels.senders,
    fetch: parts.oauthFetch,
    trustedProxies: config.trustProxyHops,
  };

/** What /ready asks: MongoDB answers a ping within a second, Redis answers PONG. */
const readinessChecks = (database: Database, redis: Redis) => [
  {
    name: 'mongodb',
    check: async () => (await database.db.command({ ping: 1 }, { timeoutMS: 1_000 })).ok === 1,
  },
  { name: 'redis', check: async () => (await redis.ping()) === 'PONG' },
];
