import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { DelayedError, Worker, type Job } from 'bullmq';
import {
  deliverNotification,
  type DeliverDeps,
  type DeliveryRequest,
} from '../domain/notifications/deliver-notification.js';
import type { UserDoc } from '../domain/users/user-repo.js';
import type { Channel } from '../domain/users/user-schemas.js';
import { isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import {
  checkbackMessage,
  checkinMessage,
  escalationMessage,
  focusEndMessage,
  missedReminderMessage,
  reminderMessage,
  snoozedReminderMessage,
} from './messages.js';
import { bullConnection, type Queues } from './queues.js';
import { isStillWanted, MISSED_TOLERANCE_MS } from './reminder-times.js';
import type { OpsCounters } from './ops-counters.js';
import type { Scans } from './scans.js';
import type { JobScheduler, TimerJob } from './scheduler.js';

/** What to do with a reminder that could not go out on time (the system was down): send it, skip it, or ask. */
export type MissedReminderPolicy = 'send_now' | 'skip' | 'ask';

export type Sweep = { name: string; run: (now: Date) => Promise<number> };

export type WorkerDeps = {
  deliver: DeliverDeps;
  scans: Scans;
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
  /** How often the full changed-tasks scan runs; task writes plan their reminders themselves (replan-on-write.ts). */
  taskScanEveryMs: number;
};

const isOpen = (status: string | undefined) => status === 'todo' || status === 'in_progress';

/** Builds the message a timer job should deliver, or null when the person has already acted. */
const messageFor = async (
  deps: WorkerDeps,
  data: TimerJob,
  user: UserDoc,
  now: Date,
): Promise<Omit<DeliveryRequest, 'userId' | 'occurrenceKey'> | null> => {
  switch (data.type) {
    case 'reminder': {
      const task = await deps.scans.task(data.taskId);
      if (!task || task.userId !== data.userId || !isStillWanted(task, data.key)) return null;
      const dueAt = new Date(data.dueAtMs);
      const sendAt = data.dueAtMs - data.offsetMinutes * 60_000;
      const isMissed = !data.deferred && now.getTime() - sendAt > MISSED_TOLERANCE_MS;
      if (isMissed && deps.missedPolicy === 'skip') return null;
      const message =
        isMissed && deps.missedPolicy === 'ask'
          ? missedReminderMessage(task, dueAt, user.timezone)
          : reminderMessage(task, dueAt, data.offsetMinutes, user.timezone);
      return { message };
    }
    case 'snooze':
    case 'checkback':
    case 'escalate': {
      const task = await deps.scans.task(data.taskId);
      if (!task || task.userId !== data.userId || task.deletedAt || !isOpen(task.status)) return null;
      if (data.type === 'snooze') return { message: snoozedReminderMessage(task) };
      if (data.type === 'checkback') return { message: checkbackMessage(task) };
      if (task.updatedAt.getTime() > data.sentAtMs) return null; // they touched the task since: not ignored
      return { message: escalationMessage(task), channel: data.channel as Channel };
    }
    case 'focus_end': {
      const session = await deps.scans.focusSession(data.sessionId);
      if (!session || session.userId !== data.userId || session.status !== 'active') return null;
      return { message: focusEndMessage(session.label, session.plannedMinutes) };
    }
    case 'checkin':
      return { message: checkinMessage(data.which) };
  }
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
  const wanted = user && (await messageFor(deps, data, user, now));
  if (!wanted) return { outcome: 'cancelled' };
  const result = await deliverCounted(
    deps,
    deps.deliver,
    { userId: data.userId, occurrenceKey: data.key, ...wanted },
    user,
  );
  // How late a reminder went out against its planned moment (quiet hours' deliberate waits are not lateness).
  if (result.outcome === 'sent' && data.type === 'reminder' && !data.deferred) {
    const sendAt = data.dueAtMs - data.offsetMinutes * 60_000;
    await deps.ops?.reminderLateness((now.getTime() - sendAt) / 1000);
  }
  if (result.outcome === 'deferred') {
    await job.updateData({ ...data, deferred: true });
    await job.moveToDelayed(result.until.getTime(), token);
    throw new DelayedError();
  }
  if (result.outcome === 'sent' && data.type === 'reminder') {
    const escalation = user.preferences.escalation;
    if (escalation && escalation.channel !== result.channel) {
      const at = new Date(now.getTime() + escalation.afterMinutes * 60_000);
      await deps.scheduler.addTimer(
        {
          type: 'escalate',
          key: `${data.key}.esc`,
          userId: data.userId,
          taskId: data.taskId,
          sentAtMs: now.getTime(),
          channel: escalation.channel,
        },
        at,
      );
    }
  }
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

/** Schedules each person's morning plan and evening review at their local time, once per local day. */
export const scheduleCheckins = async (deps: WorkerDeps, now: Date): Promise<number> => {
  let scheduled = 0;
  for (const user of await deps.scans.usersWithCheckins()) {
    for (const which of ['morning', 'evening'] as const) {
      const time = user.checkins[which];
      if (!time) continue;
      const [hour = 0, minute = 0] = time.split(':').map(Number);
      let at = DateTime.fromJSDate(now, { zone: user.timezone }).set({
        hour,
        minute,
        second: 0,
        millisecond: 0,
      });
      if (at.toMillis() <= now.getTime()) at = at.plus({ days: 1 });
      const key = `cin.${user._id}.${which}.${at.toISODate()}`;
      await deps.scheduler.addTimer({ type: 'checkin', key, userId: user._id, which }, at.toJSDate());
      scheduled++;
    }
  }
  return scheduled;
};

const processScheduler = async (deps: WorkerDeps, job: Job) => {
  const now = deps.deliver.clock.now();
  switch (job.name) {
    case 'scan':
      return { focus: await deps.scheduler.scheduleFocusTimers() };
    case 'task-scan':
      return { reminders: await deps.scheduler.scanChangedTasks(now) };
    case 'checkins':
      return { checkins: await scheduleCheckins(deps, now) };
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
