import type { Redis } from 'ioredis';
import {
  checkbackTimer,
  planFocusEnds,
  reminderTimers,
  snoozeTimer,
  type DeliveryRequest,
  type NotificationScheduler,
  type ReminderSource,
  type TimerJob,
  type TimerSources,
} from '../domain/index.js';
import { withDeadline } from '../shared/index.js';
import { deliveryJobOptions, type Queues } from './queues.js';

export type { TimerJob };

/** BullMQ custom ids may not contain ':'; our occurrence keys use '.' as the separator. */
export const jobIdFor = (key: string): string => key.replace(/:/g, '.');

/** How far behind the newest change each scan looks again, to catch writes that landed late. */
export const SCAN_LOOKBACK_MS = 2 * 60_000;

const SCAN_BATCH = 5_000;

export type JobScheduler = NotificationScheduler & {
  /** Adds the delayed jobs a batch of tasks needs; jobs that exist already are left as they are. */
  planReminders: (tasks: ReminderSource[], now: Date) => Promise<number>;
  /** Replans from every task written since the last scan; returns how many reminder jobs it offered. */
  scanChangedTasks: (now: Date) => Promise<number>;
  scheduleFocusTimers: () => Promise<number>;
  addTimer: (job: TimerJob, at: Date) => Promise<void>;
  /** Queues a message for delivery now (retries, quiet hours and the nudge cap apply): operators' and bench's way in. */
  notify: (request: DeliveryRequest) => Promise<void>;
};

/** `redis` holds the scan cursor beside the jobs, so losing Redis means a full replan rather than lost reminders. */
export const createJobScheduler = (
  queues: Queues,
  sources: TimerSources,
  redis: Redis,
  prefix: string,
  clock: { now: () => Date },
  /** Bound of one queue write, so a request never waits longer on Redis. */
  timeoutMs: number,
): JobScheduler => {
  const cursorKey = `${prefix}:focusforge:task-scan-cursor`;

  /**
   * BullMQ runs a delayed job at its `timestamp` (by default: when it was added) plus its delay. A scan or a large
   * batch can take seconds before the add, so each delay is measured from the clock's now and anchored to that same
   * moment: the job runs at its time however long the add took.
   */
  const anchor = () => {
    const now = clock.now().getTime();
    const timestamp = Date.now();
    return (at: Date) => ({ delay: Math.max(0, at.getTime() - now), timestamp });
  };

  const addTimer = async (job: TimerJob, at: Date) => {
    await withDeadline(
      queues.reminders.add(job.type, job, { jobId: jobIdFor(job.key), ...anchor()(at) }),
      timeoutMs,
      'adding a timer',
    );
  };

  const planReminders = async (tasks: ReminderSource[], now: Date) => {
    const timed = anchor();
    const jobs = reminderTimers(tasks, now).map(({ job, at }) => ({
      name: 'reminder',
      data: job,
      opts: { ...deliveryJobOptions, jobId: job.key, ...timed(at) },
    }));
    for (let i = 0; i < jobs.length; i += 500)
      await withDeadline(queues.reminders.addBulk(jobs.slice(i, i + 500)), timeoutMs, 'adding reminders');
    return jobs.length;
  };

  return {
    planReminders,
    addTimer,

    scanChangedTasks: async (now) => {
      // A task's updatedAt is taken before its write lands, so a slow write can appear behind the cursor. Each scan
      // therefore re-reads the last SCAN_LOOKBACK_MS; offering an existing job again is a no-op.
      const stored = Number((await redis.get(cursorKey)) ?? 0);
      let after = { at: new Date(Math.max(0, stored - SCAN_LOOKBACK_MS)), id: '' };
      let newest = stored;
      let offered = 0;
      // Large batches: on FerretDB each query reads the whole collection however few tasks it returns.
      for (let batch = 0; batch < 20; batch++) {
        const changed = await sources.tasksChangedAfter(after, SCAN_BATCH);
        if (changed.length === 0) break;
        offered += await planReminders(changed, now);
        const last = changed[changed.length - 1]!;
        after = { at: last.updatedAt, id: last._id };
        newest = Math.max(newest, last.updatedAt.getTime());
        if (changed.length < SCAN_BATCH) break;
      }
      await redis.set(cursorKey, String(newest));
      return offered;
    },

    scheduleFocusTimers: () => planFocusEnds({ sources, addTimer }),

    scheduleSnooze: async (userId, taskId, until) => {
      const { job, at } = snoozeTimer(userId, taskId, until);
      await addTimer(job, at);
    },

    scheduleCheckback: async (userId, taskId, at) => {
      const timer = checkbackTimer(userId, taskId, at);
      await addTimer(timer.job, timer.at);
    },

    notify: async (request: DeliveryRequest) => {
      await withDeadline(
        queues.notifications.add('deliver', request, { jobId: jobIdFor(request.occurrenceKey) }),
        timeoutMs,
        'queueing a notification',
      );
    },
  };
};
