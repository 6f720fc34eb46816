import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { createTestEnv, type TestEnv, type TestUser } from './test-env.js';
import type { DepsOverrides } from '../../src/main.js';

/** A test env whose jobs use their own Redis key prefix and a fast scan, so test files never see each other's jobs. */
export const createJobsTestEnv = (
  overrides: DepsOverrides = {},
  env: Record<string, string> = {},
): Promise<TestEnv> =>
  createTestEnv(overrides, {
    JOBS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    JOBS_SCAN_EVERY_MS: '250',
    JOBS_LOCK_MS: '3000',
    ...env,
  });

/** Polls until `check` returns a truthy value, or fails with `what` after `timeoutMs`. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export const eventually = async <T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs = 20_000,
): Promise<Truthy<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** An ISO time `seconds` from now. */
export const inSeconds = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

export const inboxOf = async (env: TestEnv, user: TestUser) =>
  (await env.call(user, 'GET', '/api/v1/inbox?limit=100')).body.items as {
    id: string;
    title: string;
    text: string;
    kind: string;
  }[];

/** The reminder job for a task's due time and offset, wherever it is in its life. */
export const reminderJob = async (
  env: TestEnv,
  taskId: string,
  dueAt: string,
  offsetMinutes = 0,
): Promise<Job | undefined> =>
  env.jobs.queues.reminders.getJob(`rem.${taskId}.${new Date(dueAt).getTime()}.${offsetMinutes}`);
