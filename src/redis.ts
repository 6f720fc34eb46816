import { Redis } from 'ioredis';

/**
 * A request-path Redis connection that fails fast while Redis is down or frozen instead of queueing or waiting
 * forever: each command gives up after `timeoutMs`, and a connection that stops answering is dropped (socketTimeout)
 * so the next commands fail at once until it is back. Never use it for BullMQ workers' blocking commands.
 */
export const connectRedis = (url: string, name = 'focusforge', timeoutMs = 3_000): Redis =>
  new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: Math.min(2_000, timeoutMs),
    commandTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
