import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, Worker, type Job } from 'bullmq';
import {
  deliverNotification,
  escalationTimer,
  planCheckins,
  reminderLatenessSeconds,
  timerMessage,
  type DeliverDeps,
  type DeliveryRequest,
  type MissedReminderPolicy,
  type TimerSources,
} from '../domain/index.js';
import { isAppError, type Logger } from '../shared/index.js';
import { bullConnection, type Queues } from './queues.js';
import type { OpsCounters } from './ops-counters.js';
import type { JobScheduler, TimerJob } from './scheduler.js';

// A thin adapter: BullMQ jobs in, the reminder use cases of domain/reminders called, the outcome turned back into
// BullMQ's terms (a deferral moves the job, a retryable failure throws).

export type Sweep = { name: string; run: (now: Date) => Promise<number> };

export type WorkerDeps = {
  deliver: DeliverDeps;
  sources: TimerSources;
  scheduler: JobScheduler;
  logger: Logger;
  missedPolicy: MissedReminderPolicy;
  sweeps: Sweep[];
  /** Deliveries by channel and outcome, and reminder lateness, for /metrics (shared through Redis). */
  ops?: OpsCounters;
};

export type WorkerOptions = {
  redisUrl: string;
  prefix: string;
  /** How long a job's lock lives without renewal: a killed worker's jobs are retried after about this long. */
  lockDurationMs: number;
  concurrency: number;
  /** How often active focus sessions are checked for their end-of-block timer. */
  scanEveryMs: number;
  /** How often the full changed-tasks scan runs; task writes plan their reminders themselves (onTaskWritten). */
  taskScanEveryMs: number;
};

/** Delivers and counts the outcome; a channel failure is counted and thrown on (the job retries). */
const deliverCounted = async (deps: WorkerDeps, ...args: Parameters<typeof deliverNotification>) => {
  try {
    const result = await deliverNotification(...args);
    await deps.ops?.delivery('channel' in result ? result.channel : 'none', result.outcome);
    return result;
  } catch (error) {
    await deps.ops?.delivery('unknown', 'failed');
    throw error;
  }
};

const processTimer = async (deps: WorkerDeps, job: Job<TimerJob>, token: string | undefined) => {
  const data = job.data;
  const now = deps.deliver.clock.now();
  const user = await deps.deliver.users.get(data.userId);
  const wanted =
    user && (await timerMessage({ sources: deps.sources, missedPolicy: deps.missedPolicy }, data, user, now));
  if (!wanted) return { outcome: 'cancelled' };
  const result = await deliverCounted(
    deps,
    deps.deliver,
    { userId: data.userId, occurrenceKey: data.key, ...wanted },
    user,
  );
  // How late a reminder went out against its planned moment (quiet hours' deliberate waits are not lateness).
  const lateness = result.outcome === 'sent' ? reminderLatenessSeconds(data, now) : null;
  if (lateness !== null) await deps.ops?.reminderLateness(lateness);
  if (result.outcome === 'deferred') {
    await job.updateData({ ...data, deferred: true });
    await job.moveToDelayed(result.until.getTime(), token);
    throw new DelayedError();
  }
  const escalation = result.outcome === 'sent' ? escalationTimer(user, data, result.channel, now) : null;
  if (escalation) await deps.scheduler.addTimer(escalation.job, escalation.at);
  return result;
};

const processNotification = async (
  deps: WorkerDeps,
  job: Job<DeliveryRequest>,
  token: string | undefined,
) => {
  const result = await deliverCounted(deps, deps.deliver, job.data);
  if (result.outcome === 'deferred') {
    await job.moveToDelayed(result.until.getTime(), token);
    throw new DelayedError();
  }
  return result;
};

const processScheduler = async (deps: WorkerDeps, job: Job) => {
  const now = deps.deliver.clock.now();
  switch (job.name) {
    case 'scan':
      return { focus: await deps.scheduler.scheduleFocusTimers() };
    case 'task-scan':
      return { reminders: await deps.scheduler.scanChangedTasks(now) };
    case 'checkins':
      return {
        checkins: await planCheckins({ sources: deps.sources, addTimer: deps.scheduler.addTimer }, now),
      };
    case 'maintenance': {
      const swept: Record<string, number> = {};
      for (const sweep of deps.sweeps) swept[sweep.name] = await sweep.run(now);
      return swept;
    }
    default:
      return null;
  }
};

export type RunningWorkers = { close: () => Promise<void> };

/** Starts every worker and the repeating scheduler jobs; `close` drains in-flight jobs and stops cleanly. */
export const startWorkers = async (
  deps: WorkerDeps,
  queues: Queues,
  options: WorkerOptions,
): Promise<RunningWorkers> => {
  const connection = bullConnection(options.redisUrl);
  const common = {
    connection,
    prefix: options.prefix,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
  };
  const logFailure = (queue: string) => (job: Job | undefined, error: Error) => {
    if (error instanceof DelayedError) return;
    const level = isAppError(error) && error.retryable ? 'warn' : 'error';
    deps.logger[level](
      { queue, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
      'job failed',
    );
  };

  const workers = [
    new Worker<TimerJob>('reminders', (job, token) => processTimer(deps, job, token), {
      ...common,
      concurrency: options.concurrency,
    }),
    new Worker<DeliveryRequest>('notifications', (job, token) => processNotification(deps, job, token), {
      ...common,
      concurrency: options.concurrency,
    }),
    new Worker('scheduler', (job) => processScheduler(deps, job), { ...common, concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on('failed', logFailure(worker.name));
    worker.on('error', (error) =>
      deps.logger.warn({ queue: worker.name, err: error.message }, 'worker connection problem'),
    );
  }

  const repeating = [
    { name: 'scan', every: options.scanEveryMs },
    { name: 'task-scan', every: options.taskScanEveryMs },
    { name: 'checkins', every: 60_000 },
    { name: 'maintenance', every: 60 * 60_000 },
  ];
  // Producer commands give up after a few seconds (queues.ts); at start-up Redis may still be on its way, so the
  // repeating jobs are offered again until Redis takes them (or the queues close).
  for (let attempt = 1; ; attempt++) {
    try {
      for (const { name, every } of repeating)
        await queues.scheduler.upsertJobScheduler(name, { every }, { name });
      break;
    } catch (error) {
      if (queues.scheduler.closing) throw error;
      if (attempt % 10 === 1)
        deps.logger.warn(
          { err: (error as Error).message, attempt },
          'waiting for Redis to start the workers',
        );
      await sleep(1_000);
    }
  }

  return {
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
};
