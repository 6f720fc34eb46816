import type { Config } from '../config.js';
import { agentIndexes } from '../agents/index.js';
import { inboundIndexes, inboxIndexes, slackIndexes, smsIndexes } from '../channels/index.js';
import { domainIndexes, markTaskSteps } from '../domain/index.js';
import { memoryIndexes } from '../memory/index.js';
import { plannerIndexes } from '../planner/index.js';
import { connectDatabase, ensureIndexes, redactUrl, type Logger } from '../shared/index.js';
import { connectRedis } from '../redis.js';

/** MongoDB with every module's indexes ensured, and the request path's Redis client (reachable later is fine). */
export const connectStores = async (
  config: Config,
  logger: Logger,
  urls: { mongodbUri: string; redisUrl: string },
) => {
  const database = await connectDatabase({
    uri: urls.mongodbUri,
    dbName: config.mongodbDb,
    timeoutMs: config.timeouts.mongodbMs,
  });
  logger.info({ mongodb: redactUrl(urls.mongodbUri), db: config.mongodbDb }, 'connected to MongoDB');
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
  const redis = connectRedis(urls.redisUrl, 'focusforge', config.timeouts.redisMs);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  await redis
    .connect()
    .catch((error: Error) => logger.warn({ err: error.message }, 'redis not reachable yet'));
  return { database, redis };
};
