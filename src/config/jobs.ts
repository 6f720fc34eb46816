import type { Env } from './env-schema.js';

export type JobsConfig = {
  /** Run the BullMQ workers inside `serve` (single node); `focusforge worker` runs them on their own. */
  runInProcess: boolean;
  prefix: string;
  lockDurationMs: number;
  concurrency: number;
  scanEveryMs: number;
  taskScanEveryMs: number;
  missedReminderPolicy: 'send_now' | 'skip' | 'ask';
  /** Bound of one queue write (producers only; workers' blocking connections wait as long as Redis needs). */
  producerTimeoutMs: number;
};

export const jobsConfigFrom = (e: Env): JobsConfig => ({
  runInProcess: e.RUN_WORKERS === 'true',
  prefix: e.JOBS_PREFIX,
  lockDurationMs: e.JOBS_LOCK_MS,
  concurrency: e.JOBS_CONCURRENCY,
  scanEveryMs: e.JOBS_SCAN_EVERY_MS,
  taskScanEveryMs: e.JOBS_TASK_SCAN_EVERY_MS,
  missedReminderPolicy: e.REMINDER_MISSED_POLICY,
  producerTimeoutMs: e.REDIS_TIMEOUT_MS,
});
