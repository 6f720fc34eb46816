import { createHash } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { bullConnection, deliveryJobOptions, producerConnection } from '../jobs/index.js';
import type { Conversations, Reply } from '../planner/index.js';
import { isAppError, toAppError, withDeadline, type Clock, type Logger } from '../shared/index.js';
import { InboundJobSchema, type ChannelAdapter, type InboundJob } from './contract.js';
import { createInboundReceipts, receiptKey } from './inbound-receipts.js';

const QUEUE = 'inbound';

export type InboundQueueDeps = {
  db: Db;
  redisUrl: string;
  /** JOBS_PREFIX: the queue lives beside the other job queues. */
  prefix: string;
  /** How long an enqueue (inside a webhook) may wait for Redis. */
  producerTimeoutMs: number;
  /** The request path's Redis client for the producer (see jobs/queues.ts). */
  producerRedis?: Redis;
  conversations: Pick<Conversations, 'converse'>;
  /** Finds the adapter whose `deliverReply` sends a job's reply (the channel registry). */
  channels: { get: (channel: InboundJob['channel']) => ChannelAdapter | undefined };
  clock: Clock;
  logger: Logger;
  /** A killed worker's job is picked up again after about this long. */
  lockDurationMs: number;
  concurrency: number;
};

export type EnqueueOutcome = 'queued' | 'duplicate';

/** BullMQ ids may not hold every character a provider's message id does; a digest of the receipt key does. */
const jobIdOf = (key: string) => `in.${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;

/** The reply when a turn cannot be run at all: the person hears that, rather than nothing. */
const apology = (job: InboundJob, text: string, now: Date): Reply => ({
  id: `${jobIdOf(receiptKey(job.channel, job.messageId))}.failed`,
  threadId: job.threadId,
  parts: [{ type: 'text', text }],
  text,
  basicMode: true,
  createdAt: now.toISOString(),
});

/**
 * Messages from channels that must acknowledge at once (SMS, Slack): `enqueue` records the message idempotently and
 * returns; a worker on any node runs its turn and hands the reply to the channel. A worker killed between the
 * acknowledgement and the reply loses nothing: the job is retried, the planner returns the reply it stored for that
 * message id instead of acting twice, and a reply recorded as sent is never sent again.
 */
export const createInboundQueue = (deps: InboundQueueDeps) => {
  const receipts = createInboundReceipts(deps.db);
  const queue = new Queue(QUEUE, {
    connection: deps.producerRedis ?? producerConnection(deps.redisUrl, deps.producerTimeoutMs),
    prefix: deps.prefix,
    defaultJobOptions: deliveryJobOptions,
  });
  queue.on('error', (error) => deps.logger.warn({ err: error.message }, 'inbound queue connection problem'));
  let worker: Worker | undefined;

  const add = (job: InboundJob) =>
    withDeadline(
      queue.add(job.channel, job, { jobId: jobIdOf(receiptKey(job.channel, job.messageId)) }),
      deps.producerTimeoutMs,
      'queueing a message',
    );

  const process = async (job: Job<unknown>) => {
    const parsed = InboundJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed inbound job: ${parsed.error.message}`);
    const data = parsed.data;
    const key = receiptKey(data.channel, data.messageId);
    const receipt = await receipts.get(key);
    if (receipt && receipt.status !== 'queued') return { outcome: 'duplicate' };
    const adapter = deps.channels.get(data.channel);
    // Retried, not dropped: a node with the channel configured (or this one, once fixed) will take it.
    if (!adapter?.deliverReply) throw new Error(`the ${data.channel} channel is not configured on this node`);

    let reply: Reply;
    try {
      const { replyTo: _replyTo, receivedAt: _receivedAt, ...input } = data;
      reply = await deps.conversations.converse(input).reply;
    } catch (error) {
      const isFinal =
        (isAppError(error) && !error.retryable) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!isFinal) throw error;
      deps.logger.warn({ jobId: job.id, err: (error as Error).message }, 'inbound turn failed; apologizing');
      reply = apology(data, toAppError(error).userMessage, deps.clock.now());
    }
    try {
      await adapter.deliverReply(data, reply);
    } catch (error) {
      if (!isAppError(error) || error.retryable) throw error;
      await receipts.settle(key, 'failed', deps.clock.now());
      throw new UnrecoverableError(error.userMessage);
    }
    await receipts.settle(key, 'replied', deps.clock.now(), reply.id);
    return { outcome: 'replied', replyId: reply.id };
  };

  return {
    /**
     * Records `job` and queues its turn, once per `channel:messageId` across retries, restarts and nodes. A message
     * seen before is queued again only when its first enqueue may not have reached Redis (BullMQ ignores a job id it
     * still holds), so a webhook that failed halfway can simply be retried.
     */
    enqueue: async (job: InboundJob): Promise<EnqueueOutcome> => {
      const data = InboundJobSchema.parse(job);
      const key = receiptKey(data.channel, data.messageId);
      const isNew = await receipts.record({
        _id: key,
        channel: data.channel,
        messageId: data.messageId,
        userId: data.userId,
        receivedAt: new Date(data.receivedAt),
      });
      if (isNew) {
        await add(data);
        return 'queued';
      }
      const seen = await receipts.get(key);
      if (seen?.status === 'queued') await add(data);
      return 'duplicate';
    },
    /** Runs the worker in this process (a worker node, or single-node mode). */
    start: async () => {
      if (worker) return;
      worker = new Worker(QUEUE, process, {
        connection: bullConnection(deps.redisUrl),
        prefix: deps.prefix,
        concurrency: deps.concurrency,
        lockDuration: deps.lockDurationMs,
        stalledInterval: deps.lockDurationMs,
      });
      worker.on('failed', (job, error) =>
        deps.logger.warn(
          { queue: QUEUE, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
          'inbound job failed',
        ),
      );
      worker.on('error', (error) =>
        deps.logger.warn({ queue: QUEUE, err: error.message }, 'worker connection problem'),
      );
      await worker.waitUntilReady();
    },
    /** Forgets receipts older than `before` (a maintenance sweep). */
    sweep: (before: Date) => receipts.sweep(before),
    queue,
    /** Lets in-flight turns finish, then disconnects; waiting jobs stay in Redis for the next worker. */
    close: async () => {
      await worker?.close();
      worker = undefined;
      await queue.close();
    },
  };
};
export type InboundQueue = ReturnType<typeof createInboundQueue>;
