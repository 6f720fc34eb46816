import { AppError } from './errors.js';

/**
 * Settles with `work`, or rejects with UNAVAILABLE after `ms`: for calls whose client can wait without a command in
 * flight (BullMQ waits for a connection to become ready before sending anything), so no timeout of theirs fires.
 */
export const withDeadline = async <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            'UNAVAILABLE',
            "I can't reach my storage right now. Nothing was lost; please try again in a moment.",
            {
              cause: new Error(`${what} did not finish within ${ms} ms`),
            },
          ),
        ),
      ms,
    );
  });
  work.catch(() => undefined); // the caller already has its answer when this settles late
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
};
