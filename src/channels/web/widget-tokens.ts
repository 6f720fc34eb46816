import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/index.js';

// The widget's credential: `ffw1.<base64url JSON payload>.<base64url HMAC-SHA256>`. It carries the user id, so a
// chat request needs no database lookup to know who is talking; only this server (holding the secret) can mint one.

const PREFIX = 'ffw1';

export const WidgetClaimsSchema = z.strictObject({
  /** The FocusForge user this browser talks as. */
  uid: z.string().min(1).max(64),
  /** The web identity address (see domain/identities): `anon-…` per browser, `op-…` for operator-signed users. */
  adr: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
  kind: z.enum(['anonymous', 'operator']),
  /** Seconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
});
export type WidgetClaims = z.infer<typeof WidgetClaimsSchema>;

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');
const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

const safeEqual = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Signs claims into a widget token. */
export const signWidgetToken = (secret: string, claims: WidgetClaims): string => {
  const payload = b64url(JSON.stringify(WidgetClaimsSchema.parse(claims)));
  return `${PREFIX}.${payload}.${b64url(mac(secret, `${PREFIX}.${payload}`))}`;
};

const invalid = () =>
  new AppError(
    'UNAUTHENTICATED',
    'This chat session is not valid any more. Reload the page to start a new one.',
  );

/** The claims of a genuine, unexpired token; UNAUTHENTICATED otherwise (tampered, expired, malformed). */
export const verifyWidgetToken = (secret: string, token: string, nowSeconds: number): WidgetClaims => {
  const [prefix, payload, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) throw invalid();
  if (!safeEqual(Buffer.from(signature, 'base64url'), mac(secret, `${PREFIX}.${payload}`))) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const claims = WidgetClaimsSchema.safeParse(json);
  if (!claims.success || claims.data.exp <= nowSeconds) throw invalid();
  return claims.data;
};

/**
 * The HMAC an operator's backend computes when it renders a page: hex of HMAC-SHA256(secret, `${userId}.${ts}`),
 * `ts` in seconds since the epoch. The timestamp makes a signature seen in a page stop working after the max age.
 */
export const operatorSignature = (secret: string, externalUserId: string, ts: number): string =>
  createHmac('sha256', secret).update(`${externalUserId}.${ts}`).digest('hex');

const operatorRejected = (why: string) =>
  new AppError('UNAUTHENTICATED', `The signed identity from this site was not accepted: ${why}.`);

/** Clocks of the host site and this server may disagree by this much. */
const CLOCK_SKEW_S = 60;
/** Seconds since the epoch stay below this until the year 5138; a larger value was written in milliseconds. */
const LARGEST_SECONDS = 1e11;

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

/** Checks `signature` over `userId.ts` and that `ts` is recent (at most `maxAgeSeconds` old); returns the id. */
export const verifyOperatorHmac = (
  secret: string,
  signed: { userId: string; ts?: number | undefined; signature: string },
  nowSeconds: number,
  maxAgeSeconds: number,
): string => {
  const { userId, ts, signature } = signed;
  if (ts === undefined) throw operatorRejected('it has no timestamp (send ts and sign `userId.ts`)');
  if (ts > LARGEST_SECONDS)
    throw operatorRejected('its ts looks like milliseconds; use seconds since the epoch');
  const expected = Buffer.from(operatorSignature(secret, userId, ts), 'hex');
  if (!/^[0-9a-f]{64}$/i.test(signature) || !safeEqual(Buffer.from(signature, 'hex'), expected)) {
    throw operatorRejected('the signature does not match');
  }
  if (ts > nowSeconds + CLOCK_SKEW_S) throw operatorRejected('its ts is in the future');
  if (nowSeconds - ts > maxAgeSeconds)
    throw operatorRejected(`it has expired (signed more than ${hours(maxAgeSeconds)} ago)`);
  return userId;
};

const JwtHeaderSchema = z.object({ alg: z.literal('HS256'), typ: z.string().optional() });
const JwtClaimsSchema = z.object({
  sub: z.string().min(1).max(256),
  exp: z.number().optional(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  name: z.string().max(100).optional(),
});

/**
 * Verifies an HS256 JWT signed with the widget secret (only HS256: `alg: none` and key confusion are refused). It
 * must expire (`exp`, seconds) at most `maxAgeSeconds` after it was issued (`iat`) and after now.
 */
export const verifyOperatorJwt = (
  secret: string,
  jwt: string,
  nowSeconds: number,
  maxAgeSeconds: number,
): { sub: string; name?: string | undefined } => {
  const [header, payload, signature, ...rest] = jwt.split('.');
  if (!header || !payload || !signature || rest.length > 0) throw operatorRejected('it is not a JWT');
  const decode = (part: string): unknown => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    } catch {
      throw operatorRejected('it is not a JWT');
    }
  };
  if (!JwtHeaderSchema.safeParse(decode(header)).success)
    throw operatorRejected('only HS256 tokens are accepted');
  if (!safeEqual(Buffer.from(signature, 'base64url'), mac(secret, `${header}.${payload}`))) {
    throw operatorRejected('the signature does not match');
  }
  const claims = JwtClaimsSchema.safeParse(decode(payload));
  if (!claims.success) throw operatorRejected('it has no subject');
  const { exp, iat } = claims.data;
  if (exp === undefined) throw operatorRejected('it has no expiry (exp)');
  if (exp > LARGEST_SECONDS || (iat ?? 0) > LARGEST_SECONDS)
    throw operatorRejected('its exp looks like milliseconds; use seconds since the epoch');
  if (exp <= nowSeconds) throw operatorRejected('it has expired');
  if (exp - Math.min(nowSeconds, iat ?? nowSeconds) > maxAgeSeconds + CLOCK_SKEW_S)
    throw operatorRejected(`it lives too long (exp at most ${hours(maxAgeSeconds)} after iat and now)`);
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_S)
    throw operatorRejected('its iat is in the future');
  if (claims.data.nbf !== undefined && claims.data.nbf > nowSeconds + 60)
    throw operatorRejected('it is not valid yet');
  return { sub: claims.data.sub, name: claims.data.name };
};

/** Signs an HS256 JWT: what an operator's backend does (exported for docs, tests and the bench). */
export const signOperatorJwt = (secret: string, claims: Record<string, unknown>): string => {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  return `${header}.${payload}.${b64url(mac(secret, `${header}.${payload}`))}`;
};
