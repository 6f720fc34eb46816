import type { Redis } from 'ioredis';
import type { Logger } from '../shared/index.js';
import { queueNames, type Queues } from './queues.js';

// What an operator watches, counted in Redis so every process adds to the same numbers: deliveries happen in the
// workers while /metrics is served by the app (and with `--scale app=3`, by any of them). Recording never fails
// the job it describes; a lost increment during a Redis outage is a gap in a graph, not a missed reminder.

/** Upper bounds (seconds) of the reminder-lateness histogram: on time, a little late, and outage-late. */
export const LATENESS_BUCKETS_S = [1, 5, 15, 30, 60, 300, 900, 3_600] as const;

export type OpsReading = {
  /** `channel:outcome` → count, e.g. `sms:sent`, `none:deferred`, `slack:failed`. */
  deliveries: Record<string, number>;
  /** Cumulative bucket counts by upper bound (`+Inf` last), with the sum and count of observations. */
  lateness: { buckets: [string, number][]; sum: number; count: number };
  /** Jobs per queue and state (waiting, delayed, active, failed). */
  queues: Record<string, Record<string, number>>;
};

export type OpsCounters = {
  delivery: (channel: string, outcome: string) => Promise<void>;
  reminderLateness: (seconds: number) => Promise<void>;
  read: () => Promise<OpsReading>;
};

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

export const createOpsCounters = (
  redis: Redis,
  prefix: string,
  logger: Logger,
  queues?: Queues,
): OpsCounters => {
  const deliveriesKey = `${prefix}:focusforge:metrics:deliveries`;
  const latenessKey = `${prefix}:focusforge:metrics:reminder_lateness`;
  const quietly = async (what: string, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      logger.warn({ err: (error as Error).message, metric: what }, 'metrics counter not updated');
    }
  };
  return {
    delivery: (channel, outcome) =>
      quietly('deliveries', () => redis.hincrby(deliveriesKey, `${channel}:${outcome}`, 1)),
    reminderLateness: (seconds) =>
      quietly('reminder_lateness', () => {
        const late = Math.max(0, seconds);
        const batch = redis.multi();
        for (const bound of LATENESS_BUCKETS_S)
          if (late <= bound) batch.hincrby(latenessKey, `le:${bound}`, 1);
        batch.hincrby(latenessKey, 'le:+Inf', 1);
        batch.hincrbyfloat(latenessKey, 'sum', late);
        batch.hincrby(latenessKey, 'count', 1);
        return batch.exec();
      }),
    read: async () => {
      const [deliveries, lateness, counts] = await Promise.all([
        redis.hgetall(deliveriesKey),
        redis.hgetall(latenessKey),
        Promise.all(
          queueNames.map(async (name) => [name, await queues?.[name].getJobCounts(...QUEUE_STATES)] as const),
        ),
      ]);
      const bounds = [...LATENESS_BUCKETS_S.map(String), '+Inf'];
      return {
        deliveries: Object.fromEntries(
          Object.entries(deliveries).map(([key, value]) => [key, Number(value)]),
        ),
        lateness: {
          buckets: bounds.map((bound) => [bound, Number(lateness[`le:${bound}`] ?? 0)]),
          sum: Number(lateness.sum ?? 0),
          count: Number(lateness.count ?? 0),
        },
        queues: Object.fromEntries(counts.filter(([, c]) => c !== undefined)) as OpsReading['queues'],
      };
    },
  };
};
