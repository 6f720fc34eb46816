import type { Db } from 'mongodb';
import { Redis } from 'ioredis';
import type { JobsConfig } from '../config.js';
import type { DeliverDeps } from '../domain/notifications/deliver-notification.js';
import type { Logger } from '../shared/logger.js';
import { createQueues, queueNames } from './queues.js';
import { createOpsCounters } from './ops-counters.js';
import { createTimerSources } from '../domain/reminders/index.js';
import { createJobScheduler } from './scheduler.js';
import { startWorkers, type RunningWorkers, type Sweep } from './worker.js';

export { LATENESS_BUCKETS_S, type OpsCounters, type OpsReading } from './ops-counters.js';
export type { JobScheduler, TimerJob } from './scheduler.js';
export type { Sweep } from './worker.js';
export { userJobsPart } from './user-jobs.js';
export { replanOnWrite, type PlanReminders } from './replan-on-write.js';
export { bullConnection, deliveryJobOptions, producerConnection, queueNames } from './queues.js';

export type JobsDeps = {
  db: Db;
  redisUrl: string;
  config: JobsConfig;
  deliver: DeliverDeps;
  logger: Logger;
  sweeps?: Sweep[];
  /** The request path's Redis client for the producers (see createQueues); without it they open their own. */
  producerRedis?: Redis;
};

/** Queues and scheduling for every process; `start` also runs the workers (a worker node, or single-node mode). */
export const createJobs = (deps: JobsDeps) => {
  const { config } = deps;
  const queues = createQueues(deps.redisUrl, config.prefix, config.producerTimeoutMs, deps.producerRedis);
  const stateRedis = new Redis(deps.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    connectionName: 'focusforge-jobs',
  });
  stateRedis.on('error', (error) =>
    deps.logger.warn({ err: error.message }, 'jobs redis connection problem'),
  );
  // Without a listener BullMQ prints every connection error to stderr; during an outage that is one per command.
  for (const name of queueNames)
    queues[name].on('error', (error) =>
      deps.logger.warn({ queue: name, err: error.message }, 'queue connection problem'),
    );
  const sources = createTimerSources(deps.db);
  const scheduler = createJobScheduler(
    queues,
    sources,
    stateRedis,
    config.prefix,
    deps.deliver.clock,
    config.producerTimeoutMs,
  );
  const ops = createOpsCounters(stateRedis, config.prefix, deps.logger, queues);
  let running: RunningWorkers | undefined;

  return {
    scheduler,
    queues,
    ops,
    start: async () => {
      if (running) return;
      running = await startWorkers(
        {
          deliver: deps.deliver,
          sources,
          scheduler,
          logger: deps.logger,
          missedPolicy: config.missedReminderPolicy,
          sweeps: deps.sweeps ?? [],
          ops,
        },
        queues,
        {
          redisUrl: deps.redisUrl,
          prefix: config.prefix,
          lockDurationMs: config.lockDurationMs,
          concurrency: config.concurrency,
          scanEveryMs: config.scanEveryMs,
          taskScanEveryMs: config.taskScanEveryMs,
        },
      );
      deps.logger.info({ prefix: config.prefix }, 'background workers started');
    },
    /** Lets in-flight jobs finish, then disconnects; jobs still waiting stay in Redis for the next worker. */
    close: async () => {
      await running?.close();
      running = undefined;
      await queues.close();
      stateRedis.disconnect();
    },
  };
};

export type Jobs = ReturnType<typeof createJobs>;
