/** Time is a dependency so that tests can stand anywhere in it. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export const fixedClock = (
  start: Date | string,
): Clock & { set: (at: Date | string) => void; advance: (ms: number) => void } => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
};
