import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorSignature, signOperatorJwt } from '../../src/channels/web/index.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// Issue 14: an operator-signed identity (from the host site's page) must expire. A JWT needs `exp` in seconds within
// the allowed lifetime; the HMAC variant signs `userId.ts` and is refused once `ts` is too old.

const SECRET = randomBytes(32).toString('base64url');
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({}, { WIDGET_SECRET: SECRET, WIDGET_OPERATOR_MAX_AGE_SECONDS: '3600' });
});
afterAll(async () => {
  await env?.close();
});

const session = async (operator: unknown) => {
  const res = await env.app.request('/chat/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operator }),
  });
  return { status: res.status, body: (await res.json()) as { kind?: string; error?: { message: string } } };
};

const now = () => Math.floor(Date.now() / 1000);

describe('operator JWTs', () => {
  it('accepts a JWT that expires within the allowed lifetime', async () => {
    const jwt = signOperatorJwt(SECRET, { sub: 'jwt-ok', iat: now(), exp: now() + 600 });
    expect(await session({ jwt })).toMatchObject({ status: 200, body: { kind: 'operator' } });
  });

  it('refuses a JWT without exp: it would be valid forever', async () => {
    const res = await session({ jwt: signOperatorJwt(SECRET, { sub: 'jwt-forever' }) });
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toMatch(/exp/);
  });

  it('refuses an exp in milliseconds', async () => {
    const res = await session({ jwt: signOperatorJwt(SECRET, { sub: 'jwt-ms', exp: Date.now() + 600_000 }) });
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toMatch(/seconds/);
  });

  it('refuses a lifetime longer than WIDGET_OPERATOR_MAX_AGE_SECONDS', async () => {
    const farAhead = await session({
      jwt: signOperatorJwt(SECRET, { sub: 'jwt-long', exp: now() + 7 * 86_400 }),
    });
    expect(farAhead.status).toBe(401);
    expect(farAhead.body.error?.message).toMatch(/too long/);
    const longSinceIat = signOperatorJwt(SECRET, { sub: 'jwt-long', iat: now() - 7_000, exp: now() + 600 });
    expect((await session({ jwt: longSinceIat })).status).toBe(401);
  });
});

describe('operator HMAC signatures', () => {
  it('accepts a fresh signature over userId.ts', async () => {
    const ts = now();
    const res = await session({ userId: 'hmac-ok', ts, signature: operatorSignature(SECRET, 'hmac-ok', ts) });
    expect(res).toMatchObject({ status: 200, body: { kind: 'operator' } });
  });

  it('refuses the old timeless signature: once in a page it was a permanent credential', async () => {
    const timeless = createHmac('sha256', SECRET).update('hmac-old').digest('hex');
    const res = await session({ userId: 'hmac-old', signature: timeless });
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toMatch(/ts/);
  });

  it('refuses a signature older than the maximum age, or dated in the future', async () => {
    const old = now() - 3_700;
    const stale = await session({
      userId: 'hmac-stale',
      ts: old,
      signature: operatorSignature(SECRET, 'hmac-stale', old),
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error?.message).toMatch(/expired/);
    const future = now() + 3_600;
    expect(
      (
        await session({
          userId: 'hmac-future',
          ts: future,
          signature: operatorSignature(SECRET, 'hmac-future', future),
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a signature moved to another timestamp', async () => {
    const ts = now();
    const res = await session({
      userId: 'hmac-moved',
      ts: ts + 1,
      signature: operatorSignature(SECRET, 'hmac-moved', ts),
    });
    expect(res.status).toBe(401);
  });
});
