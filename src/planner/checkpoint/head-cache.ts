import type { Head } from './checkpoint-docs.js';

/** The newest version seen of each thread (`<thread>|<ns>`), the least recently used dropped beyond `max`. */
export type HeadCache = {
  get: (key: string) => Head | undefined;
  remember: (key: string, head: Head) => void;
  delete: (key: string) => void;
  deleteStartingWith: (prefix: string) => void;
};

export const createHeadCache = (max: number): HeadCache => {
  const heads = new Map<string, Head>();
  return {
    get: (key) => heads.get(key),
    remember: (key, head) => {
      heads.delete(key); // re-insert: most recently used last
      heads.set(key, head);
      while (heads.size > max) heads.delete(heads.keys().next().value as string);
    },
    delete: (key) => void heads.delete(key),
    deleteStartingWith: (prefix) => {
      for (const key of [...heads.keys()]) if (key.startsWith(prefix)) heads.delete(key);
    },
  };
};
