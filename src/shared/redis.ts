import { Redis } from 'ioredis';

/** A Redis connection that fails fast while Redis is down instead of queueing commands forever. */
export const connectRedis = (url: string, name = 'focusforge'): Redis =>
  new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
