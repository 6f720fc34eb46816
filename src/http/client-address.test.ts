import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

const seen = async (trustedProxies: number, forwardedFor?: string) => {
  const app = new Hono();
  app.get('/', (c) => c.text(clientAddress(c, trustedProxies)));
  const headers: Record<string, string> =
    forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return (await app.request('/', { headers })).text();
};

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted (a client can send anything)', async () => {
    expect(await seen(0, '203.0.113.9')).toBe('unknown');
  });

  it('behind one proxy takes the address that proxy appended, not what the client wrote before it', async () => {
    expect(await seen(1, '203.0.113.9')).toBe('203.0.113.9');
    expect(await seen(1, '10.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('behind two proxies skips the second one’s entry', async () => {
    expect(await seen(2, 'spoofed, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7');
    expect(await seen(2, '198.51.100.7')).toBe('198.51.100.7');
  });

  it('falls back to the connection without the header', async () => {
    expect(await seen(1)).toBe('unknown');
  });
});
