import { MongoNetworkError, MongoOperationTimeoutError, MongoServerSelectionError } from 'mongodb';

/** What ioredis and BullMQ say (as plain errors) when Redis is frozen, restarting or gone. */
const redisOutageMessages = [
  'Command timed out',
  "Stream isn't writeable",
  'Connection is closed',
  'Socket timeout',
  'Reached the max retries per request limit',
];

/** Errors the drivers do not export as classes: a pool that could not hand out a connection, ioredis, BullMQ. */
const outageNames = new Set([
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  'MaxRetriesPerRequestError',
  'ConnectionClosedError',
]);

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

const isOutage = (error: unknown): boolean => {
  if (
    error instanceof MongoNetworkError || // includes timeouts of a frozen server and cleared pools
    error instanceof MongoServerSelectionError ||
    error instanceof MongoOperationTimeoutError
  )
    return true;
  if (!(error instanceof Error)) return false;
  if (outageNames.has(error.name)) return true;
  if (networkCodes.has(String((error as { code?: unknown }).code))) return true;
  return redisOutageMessages.some((message) => error.message.startsWith(message));
};

/**
 * True when a call failed because MongoDB or Redis did not answer (in time, or at all): nothing was written that a
 * retry would duplicate, so the caller hears "try again" instead of "something went wrong". Follows `cause` a few
 * levels, since libraries (LangGraph, BullMQ) wrap what the driver threw.
 */
export const isDependencyOutage = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (isOutage(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};
