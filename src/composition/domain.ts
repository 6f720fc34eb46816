import { createChannelRegistry } from '../channels/index.js';
import { createDomain } from '../domain/index.js';
import { createJobQueues } from '../jobs/index.js';
import type { Root } from './root.js';

/**
 * The domain with its hooks: the channel registry and the job queues come first because the domain is built
 * with their callbacks (which channels are configured, the senders, and `onTaskWritten` for reminder planning).
 */
export const createDomainWithHooks = ({ config, logger, clock, database, redis, redisUrl }: Root) => {
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
  return { channels, jobQueues, domain };
};
