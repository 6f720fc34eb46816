import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address for per-address limits. Without trusted proxies it is the connection's peer. Behind
 * `trustedProxies` reverse proxies (TRUST_PROXY_HOPS), each of which appends the address it saw to
 * X-Forwarded-For, it is the entry that many places from the right: entries further left were written by the
 * client itself and prove nothing. Never the header when no proxy is trusted (anyone can send it).
 */
export const clientAddress = (c: Context, trustedProxies: number): string => {
  if (trustedProxies > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - trustedProxies)]!;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
};
