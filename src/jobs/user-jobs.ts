import type { JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AccountPart } from '../domain/index.js';

/** Every state a job can be found in; finished jobs are kept for a while (the delivery log) and hold data too. */
const STATES: JobType[] = [
  'delayed',
  'waiting',
  'prioritized',
  'waiting-children',
  'active',
  'failed',
  'completed',
];
const PAGE = 1_000;

type FoundJob = { id?: string | undefined; data: unknown; remove: () => Promise<void> };

const isTheirs = (job: FoundJob, userId: string) =>
  (job.data as { userId?: unknown } | null)?.userId === userId || (job.id?.includes(userId) ?? false);

/** The person's jobs in one queue. BullMQ has no index by person, so this reads the queue page by page. */
const jobsOf = async (queue: Queue, userId: string): Promise<FoundJob[]> => {
  const found: FoundJob[] = [];
  for (const state of STATES) {
    for (let start = 0; ; start += PAGE) {
      const page = (await queue.getJobs([state], start, start + PAGE - 1, true)) as (FoundJob | undefined)[];
      for (const job of page) if (job && isTheirs(job, userId)) found.push(job);
      if (page.length < PAGE) break;
    }
  }
  return found;
};

/** Drops entries naming the person from a queue's event stream (job ids such as `cin.<user>.morning…`). */
const scrubEvents = async (redis: Redis, key: string, userId: string) => {
  let from = '-';
  for (;;) {
    const entries = await redis.xrange(key, from, '+', 'COUNT', PAGE);
    const theirs = entries.filter(([, fields]) => fields.some((f) => f.includes(userId))).map(([id]) => id);
    if (theirs.length > 0) await redis.xdel(key, ...theirs);
    if (entries.length < PAGE) return;
    from = `(${entries[entries.length - 1]![0]}`;
  }
};

/**
 * A person's scheduled and past jobs (reminders, snoozes, check-ins, deliveries, queued inbound messages) and any
 * other Redis key under `prefix` that names them (rate-limit counters, chat stream slots). A job running at that
 * moment cannot be removed; it finishes and is dropped, as every delivery to an account being deleted is.
 */
export const userJobsPart = (queues: Queue[], redis: Redis, prefix: string): AccountPart => {
  const part: AccountPart = {
    name: 'scheduled_jobs',
    count: async (userId) => {
      let count = 0;
      for (const queue of queues) count += (await jobsOf(queue, userId)).length;
      return count;
    },
    erase: async (userId) => {
      for (const queue of queues) {
        for (const job of await jobsOf(queue, userId)) await job.remove().catch(() => undefined);
        await scrubEvents(redis, queue.toKey('events'), userId);
      }
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*${userId}*`, 'COUNT', PAGE);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
    // The moved tasks are marked changed, so the reminder scan plans them again under their new owner; the old
    // account's jobs (and counters) would only ever find nothing, so they go.
    mergeInto: (from) => part.erase(from),
  };
  return part;
};
