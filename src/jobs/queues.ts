import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export const queueNames = ['reminders', 'notifications', 'scheduler', 'maintenance'] as const;
export type QueueName = (typeof queueNames)[number];

/** Parses a redis:// URL into BullMQ connection options (workers need unlimited retries per request). */
export const bullConnection = (redisUrl: string): ConnectionOptions => {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
};

/**
 * Connection options of producers (Queue, FlowProducer), whose adds run inside requests: each command gives up after
 * `timeoutMs` and a connection that stops answering is dropped, so a frozen Redis costs a request seconds, not
 * forever. Workers keep `bullConnection`: their blocking commands must wait as long as Redis needs.
 */
export const producerConnection = (redisUrl: string, timeoutMs: number): ConnectionOptions => ({
  ...bullConnection(redisUrl),
  commandTimeout: timeoutMs,
  socketTimeout: timeoutMs,
});

/** Retries with exponential backoff (2 s, 4 s, 8 s... about 17 minutes in all); history kept a week for the log. */
export const deliveryJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 86_400, count: 50_000 },
  removeOnFail: { age: 30 * 86_400 },
};

export type Queues = Record<QueueName, Queue> & { close: () => Promise<void> };

/**
 * The producers. `shared`, the request path's own Redis client, lets one stalled command make every later one fail
 * at once (until Redis answers again) instead of each waiting out its own timeout on its own connection.
 */
export const createQueues = (redisUrl: string, prefix: string, timeoutMs: number, shared?: Redis): Queues => {
  const connection = shared ?? producerConnection(redisUrl, timeoutMs);
  const entries = queueNames.map(
    (name) => [name, new Queue(name, { connection, prefix, defaultJobOptions: deliveryJobOptions })] as const,
  );
  const queues = Object.fromEntries(entries) as Record<QueueName, Queue>;
  return {
    ...queues,
    close: async () => {
      await Promise.all(entries.map(([, queue]) => queue.close()));
    },
  };
};
