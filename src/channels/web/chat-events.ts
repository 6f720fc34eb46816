import { inboxChoices } from './inbox-actions.js';
import type { InboxSubscriber } from './inbox-bus.js';
import type { InboxItem, WebInbox } from './web-inbox.js';
import type { Logger } from '../../shared/index.js';

const encoder = new TextEncoder();
const KEEPALIVE_MS = 20_000;
const POLL_MS = 15_000;

export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

const notification = (item: InboxItem) =>
  `event: notification\nid: ${item.id}\ndata: ${JSON.stringify({ ...item, choices: inboxChoices(item) })}\n\n`;

/**
 * In-app notifications for an open widget: the unread inbox first (whatever arrived while the page was closed),
 * then each new reminder or check-in as it is delivered. If Redis pub/sub is unavailable it polls the inbox instead.
 */
export const streamInbox = (
  inbox: WebInbox,
  subscriber: InboxSubscriber,
  userId: string,
  signal: AbortSignal,
  logger: Logger,
  /** Called once when the stream ends, however it ends (frees the person's stream slot). */
  onClose: () => void = () => undefined,
) => {
  const sent = new Set<string>();
  let cleanup: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup?.(); // closed underneath us
        }
      };
      const deliver = (item: InboxItem) => {
        if (sent.has(item.id) || item.readAt) return;
        sent.add(item.id);
        send(notification(item));
      };
      const catchUp = async () => {
        const unread = await inbox.list(userId, { unreadOnly: true, limit: 20 });
        for (const item of unread.reverse()) deliver(item);
      };
      const timers: NodeJS.Timeout[] = [setInterval(() => send(': keep-alive\n\n'), KEEPALIVE_MS)];
      let unlisten: (() => void) | undefined;
      cleanup = () => {
        onClose();
        for (const timer of timers) clearInterval(timer);
        unlisten?.();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener('abort', () => cleanup?.(), { once: true });
      send('retry: 3000\n\n');
      try {
        unlisten = await subscriber.listen(userId, deliver);
      } catch (error) {
        logger.warn(
          { err: (error as Error).message },
          'inbox pub/sub unavailable; polling the inbox instead',
        );
        timers.push(setInterval(() => void catchUp().catch(() => undefined), POLL_MS)); // a failed poll retries next tick
      }
      await catchUp().catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'inbox catch-up failed'),
      );
      if (signal.aborted) cleanup();
    },
    cancel: () => (cleanup ? cleanup() : onClose()),
  });
  return body;
};
