import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  addIdentity,
  createUser,
  resolveIdentity,
  TimeZoneSchema,
  type AuditLog,
  type IdentityRepo,
  type UserRepo,
} from '../../domain/index.js';
import { isAppError, toSingleLine, type Clock } from '../../shared/index.js';
import {
  signWidgetToken,
  verifyOperatorHmac,
  verifyOperatorJwt,
  verifyWidgetToken,
  type WidgetClaims,
} from './widget-tokens.js';

export const StartSessionSchema = z.strictObject({
  /** The token this browser got before (kept in localStorage): the same person again. */
  token: z.string().max(2_000).optional(),
  /** Set by the host site for its signed-in users: HMAC of `userId.ts` (ts in seconds), or an HS256 JWT. */
  operator: z
    .union([
      z.strictObject({
        userId: z.string().min(1).max(256),
        /** Optional here so that a page signed the old way gets a clear 401 instead of a schema error. */
        ts: z.number().int().nonnegative().optional(),
        signature: z.string().max(128),
      }),
      z.strictObject({ jwt: z.string().min(1).max(4_000) }),
    ])
    .optional(),
  /** The browser's time zone, used when a new account is made. */
  timezone: z.string().max(64).optional(),
});
export type StartSession = z.infer<typeof StartSessionSchema>;

export type WebSessionDeps = {
  users: UserRepo;
  identities: IdentityRepo;
  audit: AuditLog;
  clock: Clock;
  secret: string;
  /** Called before a new anonymous account is made; throws to refuse it (the global cap). */
  admitAnonymous?: () => Promise<void>;
  /** How old an operator signature (HMAC ts, JWT iat to exp) may be; also caps the operator session. */
  operatorMaxAgeSeconds: number;
};

export type WebSession = { token: string; kind: WidgetClaims['kind']; expiresAt: string; isNew: boolean };

const ANONYMOUS_TTL_S = 365 * 24 * 3600;
const OPERATOR_TTL_S = 24 * 3600;

const operatorAddress = (externalId: string) =>
  `op-${createHash('sha256').update(externalId).digest('base64url').slice(0, 40)}`;

/** The user behind a web identity address, creating the account on first contact. */
const userFor = async (
  deps: WebSessionDeps,
  address: string,
  name: string,
  timezone: string,
  anonymous = false,
): Promise<{ userId: string; isNew: boolean }> => {
  const existing = await resolveIdentity(deps, 'web', address);
  if (existing) return { userId: existing, isNew: false };
  if (anonymous) await deps.admitAnonymous?.();
  const profile = await createUser(deps, { name, timezone }, 'chat');
  try {
    // An anonymous account stays `unspoken` until its first message; one that never speaks is swept.
    await addIdentity(deps, { userId: profile.id, via: 'chat' }, 'web', address, { unspoken: anonymous });
    return { userId: profile.id, isNew: true };
  } catch (error) {
    // Two tabs signing the same operator user in at once: the other one linked first; talk as that user.
    if (!isAppError(error) || error.code !== 'IDENTITY_TAKEN') throw error;
    const winner = await resolveIdentity(deps, 'web', address);
    if (!winner) throw error;
    return { userId: winner, isNew: false };
  }
};

const issue = (
  deps: Pick<WebSessionDeps, 'secret' | 'clock'>,
  claims: Omit<WidgetClaims, 'iat' | 'exp'>,
  ttlSeconds: number,
  isNew: boolean,
): WebSession => {
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  const exp = iat + ttlSeconds;
  return {
    token: signWidgetToken(deps.secret, { ...claims, iat, exp }),
    kind: claims.kind,
    expiresAt: new Date(exp * 1000).toISOString(),
    isNew,
  };
};

/** A token for the account this browser now belongs to (after "link CODE" joined it to another). */
export const reissueWebSession = (
  deps: Pick<WebSessionDeps, 'secret' | 'clock' | 'operatorMaxAgeSeconds'>,
  claims: WidgetClaims,
  userId: string,
): WebSession => {
  const ttl =
    claims.kind === 'operator' ? Math.min(OPERATOR_TTL_S, deps.operatorMaxAgeSeconds) : ANONYMOUS_TTL_S;
  return issue(deps, { uid: userId, adr: claims.adr, kind: claims.kind }, ttl, false);
};

/**
 * Who this browser is: an operator-signed user of the host site, the anonymous visitor it was before, or a new
 * anonymous visitor. Returns a fresh token either way (anonymous ones slide forward a year on every visit).
 */
export const startWebSession = async (deps: WebSessionDeps, input: StartSession): Promise<WebSession> => {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const timezone = TimeZoneSchema.safeParse(input.timezone).data ?? 'UTC';
  if (input.operator) {
    const signed =
      'jwt' in input.operator
        ? verifyOperatorJwt(deps.secret, input.operator.jwt, now, deps.operatorMaxAgeSeconds)
        : {
            sub: verifyOperatorHmac(deps.secret, input.operator, now, deps.operatorMaxAgeSeconds),
            name: undefined,
          };
    const address = operatorAddress(signed.sub);
    const { userId, isNew } = await userFor(
      deps,
      address,
      toSingleLine(signed.name ?? '') || 'Web user',
      timezone,
    );
    const ttl = Math.min(OPERATOR_TTL_S, deps.operatorMaxAgeSeconds);
    return issue(deps, { uid: userId, adr: address, kind: 'operator' }, ttl, isNew);
  }
  if (input.token) {
    const claims = verifyWidgetToken(deps.secret, input.token, now);
    // An operator session ends with its expiry: only the host site can sign its user in again.
    if (claims.kind === 'operator')
      return {
        token: input.token,
        kind: 'operator',
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        isNew: false,
      };
    // The address is this browser's secret: whoever it belongs to now (its own account, or the one it was linked
    // into with "link CODE") is who it talks as. An account swept for never saying anything is gone: this
    // browser starts again as a new visitor.
    const owner = await resolveIdentity(deps, 'web', claims.adr);
    if (owner) return issue(deps, { uid: owner, adr: claims.adr, kind: 'anonymous' }, ANONYMOUS_TTL_S, false);
  }
  const address = `anon-${randomBytes(16).toString('base64url')}`;
  const { userId } = await userFor(deps, address, 'Web visitor', timezone, true);
  return issue(deps, { uid: userId, adr: address, kind: 'anonymous' }, ANONYMOUS_TTL_S, true);
};
