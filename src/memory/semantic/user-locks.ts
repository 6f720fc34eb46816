/** Runs `fn` after every earlier operation on the same user's index, never concurrently with them. */
export type WithUserLock = <T>(userId: string, fn: () => Promise<T>) => Promise<T>;

/** One promise chain per user, forgotten once nothing is queued behind it. */
export const createUserLocks = (): WithUserLock => {
  const locks = new Map<string, Promise<unknown>>();
  return <T>(userId: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(userId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    locks.set(userId, settled);
    void settled.then(() => {
      if (locks.get(userId) === settled) locks.delete(userId); // nothing queued behind: forget the chain
    });
    return run;
  };
};
