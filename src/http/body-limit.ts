import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../shared/index.js';

/**
 * Refuses a body over `maxBytes` before anything parses it: by its Content-Length when it declares one, else as
 * soon as the streamed bytes pass the limit. Parsing is what costs (a few MB of tiny JSON keys blocks the event
 * loop for most of a second), so each route gets only what its largest honest request needs.
 */
export const limitBody = (maxBytes: number, message: string): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', message);
    },
  });

/**
 * An answer sent before the request body has fully arrived (a 413, a 401 on an unread upload) leaves bytes on the
 * connection that the server drains only briefly before dropping the socket. Saying `Connection: close` makes the
 * client open a fresh connection for its next request instead of reusing one about to go away ("socket hang up").
 */
export const closeConnectionIfBodyUnread: MiddlewareHandler = async (c, next) => {
  await next();
  // Only the Node server (@hono/node-server) passes the raw request; app.request() has no connection to close.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // HTTP/2 has no Connection header (the stream is reset instead).
  if (incoming && incoming.httpVersionMajor === 1 && !incoming.complete) c.header('Connection', 'close');
};
