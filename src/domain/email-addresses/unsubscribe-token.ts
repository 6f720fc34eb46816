import { createHmac, timingSafeEqual } from 'node:crypto';

// A one-click unsubscribe link works without signing in (RFC 8058), so the link itself is the proof: the person's
// id and an HMAC of it under a server secret. Nobody can make one for someone else, and it never expires (a mail
// read months later must still unsubscribe).
const signatureOf = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`email-unsubscribe\n${userId}`).digest('base64url');

/** The unsubscribe token of a person: `<id, base64url>.<hmac>`. */
export const unsubscribeTokenFor = (secret: string, userId: string): string =>
  `${Buffer.from(userId).toString('base64url')}.${signatureOf(secret, userId)}`;

/** The person a token was made for, or null for anything forged or damaged. */
export const userOfUnsubscribeToken = (secret: string, token: string): string | null => {
  const [id = '', signature = '', ...rest] = token.split('.');
  if (rest.length > 0 || !id || !signature) return null;
  const userId = Buffer.from(id, 'base64url').toString('utf8');
  const expected = Buffer.from(signatureOf(secret, userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
};
