/**
 * Counts the open event streams of each person on this node. A person gets `max` at once (tabs, devices); one
 * more is refused rather than closing an older one, since a closed EventSource reconnects and tabs would take
 * turns evicting each other. The count is per node: behind a load balancer a person may hold `max` on each.
 */
export const createStreamSlots = (max: number) => {
  const open = new Map<string, number>();
  return {
    /** A release function for the new stream (safe to call more than once), or null when the person is at `max`. */
    acquire: (key: string): (() => void) | null => {
      const count = open.get(key) ?? 0;
      if (count >= max) return null;
      open.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left <= 0) open.delete(key);
        else open.set(key, left);
      };
    },
  };
};
