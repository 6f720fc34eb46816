import type { Db } from 'mongodb';
import { Redis } from 'ioredis';
import type { JobsConfig } from '../config.js';
import { createTimerSources, type DeliverDeps, type OnTaskWritten } from '../domain/index.js';
import type { Logger } from '../shared/index.js';
import { createQueues, queueNames } from './queues.js';
import { createOpsCounters } from './ops-counters.js';
import { createJobScheduler } from './scheduler.js';
import { startWorkers, type RunningWorkers, type Sweep } from './worker.js';

export { createLlmCounters } from './llm-counters.js';
export { LATENESS_BUCKETS_S, type OpsCounters, type OpsReading } from './ops-counters.js';
export type { JobScheduler, TimerJob } from './scheduler.js';
export type { Sweep } from './worker.js';
export { userJobsPart } from './user-jobs.js';
export { bullConnection, deliveryJobOptions, producerConnection, queueNames } from './queues.js';

export type JobQueuesDeps = {
  db: Db;
  redisUrl: string;
  config: JobsConfig;
  logger: Logger;
  clock: { now: () => Date };
  /** The request path's Redis client for the producers (see createQueues); without it they open their own. */
  producerRedis?: Redis;
};

/**
 * Queues and scheduling, for every process. Built before the domain: `onTaskWritten` is the hook the domain's task
 * writes call (createDomain), so reminders are planned as tasks are written.
 */
export const createJobQueues = (deps: JobQueuesDeps) => {
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
    deps.clock,
    config.producerTimeoutMs,
  );
  const ops = createOpsCounters(stateRedis, config.prefix, deps.logger, queues);
  const onTaskWritten: OnTaskWritten = (task) => {
    // Not awaited: a task write must not wait for, or fail with, Redis; the safety-net scan plans what this misses.
    void scheduler
      .planReminders([task], deps.clock.now())
      .catch((error: unknown) =>
        deps.logger.warn(
          { taskId: task._id, err: error instanceof Error ? error.message : String(error) },
          'reminder planning deferred to the next scan',
        ),
      );
  };
  return {
    deps,
    sources,
    scheduler,
    queues,
    ops,
    onTaskWritten,
    close: async () => {
      await queues.close();
      stateRedis.disconnect();
    },
  };
};

export type JobQueues = ReturnType<typeof createJobQueues>;

/** What the workers deliver through: the domain, so they are added once it exists. */
export type JobWorkDeps = { deliver: DeliverDeps; sweeps?: Sweep[] };

/** The queues with their workers; `start` runs the workers (a worker node, or single-node mode). */
export const createJobs = (producers: JobQueues, work: JobWorkDeps) => {
  const { deps, sources, scheduler, queues, ops } = producers;
  const { config } = deps;
  let running: RunningWorkers | undefined;

  return {
    scheduler,
    queues,
    ops,
    start: async () => {
      if (running) return;
      running = await startWorkers(
        {
          deliver: work.deliver,
          sources,
          scheduler,
          logger: deps.logger,
          missedPolicy: config.missedReminderPolicy,
          sweeps: work.sweeps ?? [],
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
      await producers.close();
    },
  };
};

export type Jobs = ReturnType<typeof createJobs>;
