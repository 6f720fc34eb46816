import { describe, expect, it } from 'vitest';
import {
  operatorSignature,
  signOperatorJwt,
  signWidgetToken,
  verifyOperatorHmac,
  verifyOperatorJwt,
  verifyWidgetToken,
} from './widget-tokens.js';

const secret = 'test-secret-test-secret-test-secret-0123';
const claims = { uid: 'usr_1', adr: 'anon-abcdefgh12', kind: 'anonymous' as const, iat: 1_000, exp: 2_000 };

describe('widget tokens', () => {
  it('round-trips genuine claims', () => {
    expect(verifyWidgetToken(secret, signWidgetToken(secret, claims), 1_500)).toEqual(claims);
  });

  it('refuses expired, tampered, foreign and malformed tokens', () => {
    const token = signWidgetToken(secret, claims);
    const [prefix, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, uid: 'usr_victim' })).toString('base64url');
    for (const bad of [
      token, // at 2_000: expired
      `${prefix}.${forged}.${signature}`,
      signWidgetToken('another-secret-another-secret-another', claims),
      `${prefix}.${payload}`,
      'nonsense',
      `${token}.extra`,
    ]) {
      expect(() => verifyWidgetToken(secret, bad, 2_000)).toThrow(/not valid any more/);
    }
  });
});

describe('operator identities', () => {
  const day = 86_400;
  const signed = (userId: string, ts: number, signedAs = userId) => ({
    userId,
    ts,
    signature: operatorSignature(secret, signedAs, ts),
  });

  it('accepts a recent HMAC of `userId.ts` and nothing else', () => {
    expect(verifyOperatorHmac(secret, signed('customer-42', 1_000), 1_100, day)).toBe('customer-42');
    expect(() => verifyOperatorHmac(secret, signed('customer-43', 1_000, 'customer-42'), 1_100, day)).toThrow(
      /signature/,
    );
    expect(() =>
      verifyOperatorHmac(secret, { userId: 'customer-42', ts: 1_000, signature: 'zz' }, 1_100, day),
    ).toThrow(/signature/);
    expect(() => verifyOperatorHmac(secret, signed('customer-42', 1_000), 1_000 + day + 1, day)).toThrow(
      /expired/,
    );
    expect(() => verifyOperatorHmac(secret, signed('customer-42', 5_000), 1_000, day)).toThrow(/future/);
    const { signature } = signed('customer-42', 1_000);
    expect(() => verifyOperatorHmac(secret, { userId: 'customer-42', signature }, 1_100, day)).toThrow(/ts/);
  });

  it('accepts HS256 JWTs signed with the secret, refusing alg none, bad signatures and expiry', () => {
    const jwt = signOperatorJwt(secret, { sub: 'customer-42', name: 'Ada', exp: 5_000 });
    expect(verifyOperatorJwt(secret, jwt, 1_000, day)).toEqual({ sub: 'customer-42', name: 'Ada' });
    expect(() => verifyOperatorJwt(secret, jwt, 6_000, day)).toThrow(/expired/);
    expect(() => verifyOperatorJwt('wrong-secret-wrong-secret-wrong-secret', jwt, 1_000, day)).toThrow(
      /signature/,
    );
    const [, payload] = jwt.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(() => verifyOperatorJwt(secret, none, 1_000, day)).toThrow(/HS256|JWT/);
    expect(() =>
      verifyOperatorJwt(secret, signOperatorJwt(secret, { name: 'no subject' }), 1_000, day),
    ).toThrow(/subject/);
  });

  it('requires exp in seconds, within the maximum lifetime', () => {
    const verify = (claims: Record<string, unknown>) =>
      verifyOperatorJwt(secret, signOperatorJwt(secret, { sub: 'customer-42', ...claims }), 1_000_000, day);
    expect(() => verify({})).toThrow(/exp/);
    expect(() => verify({ exp: 1_000_600_000 * 1000 })).toThrow(/milliseconds/);
    expect(() => verify({ exp: 1_000_000 + 2 * day })).toThrow(/too long/);
    expect(() => verify({ iat: 1_000_000 - day, exp: 1_000_000 + 600 })).toThrow(/too long/);
    expect(() => verify({ iat: 1_000_000 + 3_600, exp: 1_000_000 + 7_200 })).toThrow(/future/);
    expect(verify({ iat: 1_000_000, exp: 1_000_000 + day })).toEqual({ sub: 'customer-42' });
  });
});
