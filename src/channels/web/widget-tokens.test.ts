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
  it('accepts the HMAC of the external user id and nothing else', () => {
    expect(verifyOperatorHmac(secret, 'customer-42', operatorSignature(secret, 'customer-42'))).toBe(
      'customer-42',
    );
    expect(() => verifyOperatorHmac(secret, 'customer-43', operatorSignature(secret, 'customer-42'))).toThrow(
      /signature/,
    );
    expect(() => verifyOperatorHmac(secret, 'customer-42', 'zz')).toThrow(/signature/);
  });

  it('accepts HS256 JWTs signed with the secret, refusing alg none, bad signatures and expiry', () => {
    const jwt = signOperatorJwt(secret, { sub: 'customer-42', name: 'Ada', exp: 5_000 });
    expect(verifyOperatorJwt(secret, jwt, 1_000)).toEqual({ sub: 'customer-42', name: 'Ada' });
    expect(() => verifyOperatorJwt(secret, jwt, 6_000)).toThrow(/expired/);
    expect(() => verifyOperatorJwt('wrong-secret-wrong-secret-wrong-secret', jwt, 1_000)).toThrow(
      /signature/,
    );
    const [, payload] = jwt.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(() => verifyOperatorJwt(secret, none, 1_000)).toThrow(/HS256|JWT/);
    expect(() => verifyOperatorJwt(secret, signOperatorJwt(secret, { name: 'no subject' }), 1_000)).toThrow(
      /subject/,
    );
  });
});
