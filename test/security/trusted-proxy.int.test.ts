import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// Behind a reverse proxy (docker-compose's Caddy) every request arrives from the proxy's address. With
// TRUST_PROXY_HOPS=1 the per-address chat limit counts the address the proxy appended to X-Forwarded-For, so one
// noisy client is limited without limiting everyone; without it the header is ignored (a client can write anything
// there), so a client cannot dodge the limit by inventing addresses.

let behindProxy: TestEnv;
let direct: TestEnv;
beforeAll(async () => {
  behindProxy = await createTestEnv({}, { TRUST_PROXY_HOPS: '1', CHAT_RATE_LIMIT_IP: '3' });
  direct = await createTestEnv({}, { CHAT_RATE_LIMIT_IP: '3' });
});
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

const startSession = (env: TestEnv, forwardedFor: string) =>
  env.app.request('/chat/session', { method: 'POST', headers: { 'x-forwarded-for': forwardedFor } });

describe('per-address chat limit and X-Forwarded-For', () => {
  it('behind a trusted proxy, each client has its own budget (and what a client prepends is ignored)', async () => {
    for (let i = 0; i < 3; i++)
      expect((await startSession(behindProxy, `10.9.9.${i}, 203.0.113.5`)).status).toBe(200);
    const limited = await startSession(behindProxy, '10.9.9.9, 203.0.113.5');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await startSession(behindProxy, '198.51.100.8')).status).toBe(200);
  });

  it('without trusted proxies, invented addresses share the connection’s budget', async () => {
    for (let i = 0; i < 3; i++) expect((await startSession(direct, `198.51.100.${i}`)).status).toBe(200);
    expect((await startSession(direct, '198.51.100.200')).status).toBe(429);
  });
});
