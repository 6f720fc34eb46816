import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/index.js';

/**
 * Runs an optimistic attempt until it returns a value; `undefined` means "another writer got there first, read
 * again". Jittered backoff keeps a burst of writers (e.g. twenty taps on "redeem") from retrying in lockstep.
 */
export const withContention = async <T>(
  attempt: () => Promise<T | undefined>,
  busyMessage: string,
  maxAttempts = 60,
): Promise<T> => {
  for (let tries = 0; tries < maxAttempts; tries++) {
    const result = await attempt();
    if (result !== undefined) return result;
    await sleep(Math.random() * Math.min(5 + tries * 5, 50));
  }
  throw new AppError('UNAVAILABLE', busyMessage, { retryable: true });
};
