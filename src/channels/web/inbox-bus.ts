import type { Redis } from 'ioredis';
import { z } from 'zod';
import { InboxItemSchema, type InboxItem } from './web-inbox.js';

// Reminders and check-ins are delivered by workers, possibly in another process; they land in the web inbox and are
// announced on one Redis pub/sub channel, which every HTTP node relays to the open widgets of that person.

const EnvelopeSchema = z.object({ userId: z.string(), item: InboxItemSchema });

const channelName = (prefix: string) => `${prefix}:web-inbox`;

/** The web inbox's `onDelivered` callback: publishes the new item (fire-and-forget; the inbox already has it). */
export const createInboxPublisher =
  (redis: Redis, prefix: string, onError: (error: Error) => void) =>
  (userId: string, item: InboxItem): void => {
    // An open widget misses the live push while Redis is down, and picks the item up from the inbox on reconnect.
    void redis.publish(channelName(prefix), JSON.stringify({ userId, item })).catch(onError);
  };

export type InboxListener = (item: InboxItem) => void;

export type InboxSubscriber = {
  /** Calls `listener` for each new item of `userId` until the returned function is called. */
  listen: (userId: string, listener: InboxListener) => Promise<() => void>;
  close: () => Promise<void>;
};

/** One subscriber connection per process, opened with the first listener. */
export const createInboxSubscriber = (
  connect: () => Redis,
  prefix: string,
  onError: (error: Error) => void,
): InboxSubscriber => {
  const listeners = new Map<string, Set<InboxListener>>();
  let connection: Promise<Redis> | undefined;

  const open = () =>
    (connection ??= (async () => {
      const redis = connect();
      redis.on('error', onError);
      redis.on('message', (_channel: string, raw: string) => {
        let parsed: z.infer<typeof EnvelopeSchema>;
        try {
          parsed = EnvelopeSchema.parse(JSON.parse(raw));
        } catch (error) {
          onError(error as Error);
          return;
        }
        for (const listener of listeners.get(parsed.userId) ?? []) listener(parsed.item);
      });
      await redis.connect();
      await redis.subscribe(channelName(prefix));
      return redis;
    })().catch((error: unknown) => {
      connection = undefined; // the next listener tries again
      throw error;
    }));

  return {
    listen: async (userId, listener) => {
      await open();
      const set = listeners.get(userId) ?? new Set();
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    close: async () => {
      const redis = await connection?.catch(() => undefined);
      connection = undefined;
      listeners.clear();
      redis?.disconnect();
    },
  };
};
