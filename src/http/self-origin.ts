import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** Where this server listens, from configuration (HOST and PORT). */
export type ListenAddress = { host: string; port: number };

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const asUrlHost = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * This server's own origins, built without the request's Host header: a client can send any Host, and a reply
 * that echoes it (a cached metadata document, a page's script URL) would point other people at the attacker.
 * PUBLIC_URL when set; otherwise the listen address, with the port the connection really arrived on (HOST=0.0.0.0
 * uses the local address of the socket) and, on loopback, each loopback name a local browser may use.
 */
export const selfOrigins = (c: Context, publicUrl: string | undefined, listen: ListenAddress): string[] => {
  if (publicUrl) return [new URL(publicUrl).origin];
  // Only @hono/node-server passes the raw request; app.request() falls back to the configured address.
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  const port = socket?.localPort ?? listen.port;
  const configured = listen.host.toLowerCase();
  const host = WILDCARD_HOSTS.has(configured)
    ? (socket?.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1')
    : configured;
  const urlHost = asUrlHost(host);
  const hosts = LOOPBACK_HOSTS.includes(urlHost) || host === '::1' ? [urlHost, ...LOOPBACK_HOSTS] : [urlHost];
  return [...new Set(hosts.map((h) => new URL(`http://${h}:${port}`).origin))];
};

/** The origin to put in URLs this server hands out (see selfOrigins). */
export const selfOrigin = (c: Context, publicUrl: string | undefined, listen: ListenAddress): string =>
  selfOrigins(c, publicUrl, listen)[0] ?? `http://127.0.0.1:${listen.port}`;
