import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, newId, singleLineText, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { assertAccountActive } from '../users/account-status.js';
import type { UserRepo } from '../users/user-repo.js';
import { hashToken, type ApiTokenDoc, type TokenRepo } from './token-repo.js';

export type ApiTokenDeps = { tokens: TokenRepo; users: UserRepo; audit: AuditLog; clock: Clock };

/** One person may hold this many active (unrevoked, unexpired) tokens: a leaked account cannot mint endlessly. */
export const MAX_ACTIVE_TOKENS = 20;
const MAX_LIFETIME_DAYS = 3650;

export const CreateApiTokenSchema = z
  .object({
    name: singleLineText('name', 80).default('default'),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_LIFETIME_DAYS)
      .optional()
      .describe('The token stops working after this many days; omit for no expiry'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Or an exact moment the token stops working (ISO 8601)'),
  })
  .refine((t) => t.expiresInDays === undefined || t.expiresAt === undefined, {
    message: 'give expiresInDays or expiresAt, not both',
    path: ['expiresAt'],
  });

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Null: never expires. */
  expiresAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

const TOKEN_PREFIX = 'ff_';
/** Tokens look like `ff_` + 43 base64url characters (256 bits). */
const TOKEN_SHAPE = /^ff_[A-Za-z0-9_-]{43}$/;

const toApiToken = (t: ApiTokenDoc): ApiToken => ({
  id: t._id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

const DAY_MS = 86_400_000;

const expiryOf = (
  input: { expiresInDays?: number | undefined; expiresAt?: string | undefined },
  now: Date,
) => {
  if (input.expiresInDays !== undefined) return new Date(now.getTime() + input.expiresInDays * DAY_MS);
  if (input.expiresAt === undefined) return null;
  const at = new Date(input.expiresAt);
  if (at.getTime() <= now.getTime())
    throw new AppError('VALIDATION_FAILED', 'expiresAt must be in the future.');
  if (at.getTime() > now.getTime() + MAX_LIFETIME_DAYS * DAY_MS)
    throw new AppError('VALIDATION_FAILED', `expiresAt must be within ${MAX_LIFETIME_DAYS} days.`);
  return at;
};

const tooManyTokens = () =>
  new AppError(
    'CONFLICT',
    `You already have ${MAX_ACTIVE_TOKENS} active API tokens. Revoke one you no longer use ` +
      '(DELETE /api/v1/me/tokens/{id} or `focusforge tokens revoke`) and try again.',
  );

/** Issues a new bearer token. The secret is returned here once and only its hash is kept. */
export const createApiToken = async (
  deps: ApiTokenDeps,
  actor: Actor,
  input: z.input<typeof CreateApiTokenSchema> = {},
): Promise<{ token: string; info: ApiToken }> => {
  const parsed = CreateApiTokenSchema.parse(input);
  const { name } = parsed;
  const now = deps.clock.now();
  const expiresAt = expiryOf(parsed, now);
  if (!(await deps.users.get(actor.userId))) throw new AppError('USER_NOT_FOUND', 'There is no such user.');
  if ((await deps.tokens.countActive(actor.userId, now)) >= MAX_ACTIVE_TOKENS) throw tooManyTokens();
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const doc: ApiTokenDoc = {
    _id: newId('tok'),
    userId: actor.userId,
    name,
    tokenHash: hashToken(secret),
    prefix: secret.slice(0, 10),
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt,
  };
  await deps.tokens.insert(doc);
  // Counted again after the insert: two creations racing past the check above cannot both stay.
  if ((await deps.tokens.countActive(actor.userId, now)) > MAX_ACTIVE_TOKENS) {
    await deps.tokens.remove(doc._id);
    throw tooManyTokens();
  }
  await deps.audit.record(actor, 'token.created', 'api_token', doc._id, {
    name,
    expiresAt: expiresAt?.toISOString() ?? null,
  });
  return { token: secret, info: toApiToken(doc) };
};

/** Revokes a token by id (scoped to its owner) or by its secret. */
export const revokeApiToken = async (
  deps: ApiTokenDeps,
  actor: Actor | null,
  which: { id?: string; token?: string },
): Promise<ApiToken> => {
  const tokenHash = which.token ? hashToken(which.token.trim()) : undefined;
  const revoked = await deps.tokens.revoke(
    {
      ...(which.id ? { id: which.id } : {}),
      ...(tokenHash ? { tokenHash } : {}),
      ...(actor ? { userId: actor.userId } : {}),
    },
    deps.clock.now(),
  );
  if (!revoked) throw new AppError('TOKEN_NOT_FOUND', 'No active token matches that.');
  await deps.audit.record(
    actor ?? { userId: revoked.userId, via: 'cli' },
    'token.revoked',
    'api_token',
    revoked._id,
  );
  return toApiToken(revoked);
};

export const listApiTokens = async (
  deps: Pick<ApiTokenDeps, 'tokens'>,
  userId: string,
): Promise<ApiToken[]> => (await deps.tokens.list(userId)).map(toApiToken);

/**
 * Maps a presented bearer secret to its user, or null. Cheap to reject malformed input before any I/O. A disabled
 * person's token is refused with a FORBIDDEN error that says so (not mistaken for a mistyped token).
 */
export const resolveApiToken = async (
  deps: Pick<ApiTokenDeps, 'tokens' | 'clock' | 'users'>,
  secret: string,
): Promise<{ userId: string; tokenId: string } | null> => {
  if (!TOKEN_SHAPE.test(secret)) return null;
  const token = await deps.tokens.findActiveByHash(hashToken(secret));
  if (!token) return null;
  const now = deps.clock.now();
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return null;
  await assertAccountActive(deps, token.userId);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    void deps.tokens.touch(token._id, now).catch(() => undefined); // bookkeeping only; never fail auth on it
  }
  return { userId: token.userId, tokenId: token._id };
};
