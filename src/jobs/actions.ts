import { FlowProducer, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { withDeadline } from '../shared/deadline.js';
import { isAppError } from '../shared/errors.js';
import { deliveryJobOptions, producerConnection, type Queues } from './queues.js';

/** Background work the planner hands off, most urgent first. BullMQ runs lower numbers first. */
export const ActionPrioritySchema = z.enum(['critical', 'high', 'medium', 'low', 'background']);
export type ActionPriority = z.infer<typeof ActionPrioritySchema>;
const priorityNumber: Record<ActionPriority, number> = {
  critical: 1,
  high: 2,
  medium: 3,
  low: 4,
  background: 5,
};

export type ActionJob = { action: string; userId: string; payload: Record<string, unknown> };

/** Handlers by action name; each receives its own payload and the results of the actions it depended on. */
export type ActionHandlers = Record<
  string,
  (job: ActionJob, dependencies: Record<string, unknown>) => Promise<unknown>
>;

export type ActionRequest = {
  action: string;
  userId: string;
  payload?: Record<string, unknown>;
  priority?: ActionPriority;
  /** Stable id so the same action is never queued twice. */
  id?: string;
  /** Actions that must finish first (they run with their own priorities). */
  dependsOn?: ActionRequest[];
};

export const runAction = async (handlers: ActionHandlers, job: Job<ActionJob>) => {
  const handler = handlers[job.data.action];
  if (!handler) throw new UnrecoverableError(`unknown action "${job.data.action}"`);
  try {
    return await handler(job.data, await job.getChildrenValues());
  } catch (error) {
    if (isAppError(error) && !error.retryable) throw new UnrecoverableError(error.userMessage);
    throw error;
  }
};

type FlowNode = {
  name: string;
  queueName: string;
  data: ActionJob;
  opts: Record<string, unknown>;
  children?: FlowNode[];
};

const toFlow = (request: ActionRequest, prefix: string): FlowNode => ({
  name: request.action,
  queueName: 'actions',
  data: { action: request.action, userId: request.userId, payload: request.payload ?? {} },
  opts: {
    ...deliveryJobOptions,
    attempts: 5,
    priority: priorityNumber[request.priority ?? 'medium'],
    prefix,
    ...(request.id ? { jobId: request.id.replace(/:/g, '.') } : {}),
  },
  ...(request.dependsOn?.length ? { children: request.dependsOn.map((child) => toFlow(child, prefix)) } : {}),
});

/** Queues an action (and, first, the actions it depends on) with retries, backoff and a priority. */
export const createActionQueue = (
  queues: Queues,
  redisUrl: string,
  prefix: string,
  timeoutMs: number,
  shared?: Redis,
) => {
  const flows = new FlowProducer({ connection: shared ?? producerConnection(redisUrl, timeoutMs), prefix });
  return {
    enqueue: async (request: ActionRequest): Promise<string> => {
      if (!request.dependsOn?.length) {
        const job = await withDeadline(
          queues.actions.add(request.action, toFlow(request, prefix).data, toFlow(request, prefix).opts),
          timeoutMs,
          'queueing an action',
        );
        return job.id ?? '';
      }
      const tree = await withDeadline(
        flows.add(toFlow(request, prefix) as never),
        timeoutMs,
        'queueing actions',
      );
      return tree.job.id ?? '';
    },
    onError: (listener: (error: Error) => void) => {
      flows.on('error', listener);
    },
    close: () => flows.close(),
  };
};
export type ActionQueue = ReturnType<typeof createActionQueue>;
