import type { ConverseEvent } from './conversation-types.js';

/** A single-consumer async queue of events: pushes never block, the reader waits for the next one or the end. */
export const createEventQueue = () => {
  const buffer: ConverseEvent[] = [];
  let waiting: ((result: IteratorResult<ConverseEvent>) => void) | null = null;
  let closed = false;

  const push = (event: ConverseEvent) => {
    if (closed) return;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: event, done: false });
    } else buffer.push(event);
  };
  const close = () => {
    closed = true;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: undefined, done: true });
    }
  };
  const iterable: AsyncIterable<ConverseEvent> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const next = buffer.shift();
        if (next) return Promise.resolve({ value: next, done: false });
        if (closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        close();
        return Promise.resolve({ value: undefined, done: true });
      },
    }),
  };
  return { push, close, iterable, isClosed: () => closed };
};
