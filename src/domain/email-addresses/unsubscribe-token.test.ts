import { describe, expect, it } from 'vitest';
import { unsubscribeTokenFor, userOfUnsubscribeToken } from './unsubscribe-token.js';

const secret = 'a-test-secret-of-enough-length-123456';

describe('unsubscribe tokens', () => {
  it('name the person they were made for', () => {
    expect(userOfUnsubscribeToken(secret, unsubscribeTokenFor(secret, 'usr_abc123'))).toBe('usr_abc123');
  });

  it('refuse another secret, another person, and damaged tokens', () => {
    const token = unsubscribeTokenFor(secret, 'usr_abc123');
    const [, signature] = token.split('.');
    expect(userOfUnsubscribeToken('another-secret-of-enough-length-1234', token)).toBeNull();
    expect(
      userOfUnsubscribeToken(secret, `${Buffer.from('usr_other').toString('base64url')}.${signature}`),
    ).toBeNull();
    for (const bad of ['', '.', token.slice(0, -1), `${token}.x`, token.replace('.', '')])
      expect(userOfUnsubscribeToken(secret, bad)).toBeNull();
  });
});
