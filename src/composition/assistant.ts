import type { Redis } from 'ioredis';
import { createAccountService } from '../account-parts.js';
import type { Agents } from '../agents/index.js';
import {
  createInboundQueue,
  createRateLimiter,
  type ChannelRegistry,
  type InboundQueue,
} from '../channels/index.js';
import { LINK_ATTEMPTS, type Domain } from '../domain/index.js';
import { queueNames, type Jobs } from '../jobs/index.js';
import type { MemoryService } from '../memory/index.js';
import { createConversations, type PlannerConversations } from '../planner/index.js';
import type { Logger } from '../shared/index.js';
import type { Root } from './root.js';

/** The planner every channel talks to, with the tools, memory and scheduler it plans with. */
export const createPlanner = (
  { config, logger, clock, database }: Root,
  parts: { domain: Domain; agents: Agents; memory: MemoryService; jobs: Jobs; channels: ChannelRegistry },
) =>
  createConversations({
    db: database.db,
    domain: parts.domain,
    agents: parts.agents,
    memory: parts.memory,
    logger,
    clock,
    scheduler: parts.jobs.scheduler,
    mcpServers: config.plannerMcpServers,
    llmDeadlineMs: config.llm.timeoutMs,
    crisisResources: config.crisisResources,
    replyBudget: parts.channels.budgetOf,
  });

/** The queue of turns from channels that acknowledge first (SMS, Slack), run through the planner by a worker. */
export const createInbound = (
  { config, logger, clock, database, redis, redisUrl }: Root,
  parts: { conversations: PlannerConversations; channels: ChannelRegistry },
) =>
  createInboundQueue({
    db: database.db,
    redisUrl,
    prefix: config.jobs.prefix,
    producerTimeoutMs: config.jobs.producerTimeoutMs,
    producerRedis: redis,
    conversations: parts.conversations,
    channels: parts.channels,
    clock,
    logger,
    lockDurationMs: config.jobs.lockDurationMs,
    concurrency: config.jobs.concurrency,
  });

/** Everything a person owns, across layers (export, deletion, merges), with link codes capped per key. */
export const createAccount = (
  { config, logger, database, redis }: Root,
  parts: {
    domain: Domain;
    memory: MemoryService;
    conversations: PlannerConversations;
    jobs: Jobs;
    inbound: InboundQueue;
  },
) => {
  const limitLinkAttempts = linkAttemptLimit(redis, config.jobs.prefix, logger);
  return createAccountService({
    db: database.db,
    domain: parts.domain,
    memory: parts.memory,
    conversations: parts.conversations,
    queues: [...queueNames.map((name) => parts.jobs.queues[name]), parts.inbound.queue],
    redis,
    jobsPrefix: config.jobs.prefix,
    limitLinkAttempts,
  });
};

const linkAttemptLimit = (redis: Redis, prefix: string, logger: Logger) => {
  const linkLimiter = createRateLimiter(redis, prefix, (error) =>
    logger.warn({ err: error.message }, 'link attempt counter unavailable; refusing link codes'),
  );
  return (key: string) =>
    linkLimiter.hit('link', key, LINK_ATTEMPTS, {
      failClosed: true, // a guess must never get through because Redis is away
      message: (s) => `That's too many link codes tried. Please try again in ${s} s.`,
    });
};
