import type { MiddlewareHandler } from 'hono';
import { AppError, type Clock } from '../shared/index.js';
import { resolveApiToken, type TokenRepo, type UserRepo } from '../domain/index.js';
import type { AppEnv } from './context.js';

/** Extracts the secret from `Authorization: Bearer <token>`, tolerating case and stray spaces. */
export const bearerSecret = (header: string | undefined): string | undefined => {
  const match = header?.match(/^\s*bearer\s+(\S+)\s*$/i);
  return match?.[1];
};

/** Resolves the bearer token to the acting user; everything downstream reads `c.var.userId` only. */
export const bearerAuth =
  (deps: { tokens: TokenRepo; users: UserRepo; clock: Clock }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const secret = bearerSecret(c.req.header('authorization'));
    const resolved = secret ? await resolveApiToken(deps, secret) : null;
    if (!resolved) {
      c.header('WWW-Authenticate', 'Bearer realm="focusforge"');
      throw new AppError(
        'UNAUTHENTICATED',
        'A valid bearer token is required. Create one with `focusforge tokens create`.',
      );
    }
    c.set('userId', resolved.userId);
    await next();
  };
