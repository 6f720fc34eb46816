import type { Context, MiddlewareHandler } from 'hono';
import { bearerSecret, clientAddress } from '../../http/index.js';
import { assertAccountActive, type UserRepo } from '../../domain/index.js';
import { AppError, type Clock } from '../../shared/index.js';
import type { ChannelEnv } from '../contract.js';
import type { OriginPolicy } from './origins.js';
import type { RateLimiter } from './rate-limiter.js';
import { verifyWidgetToken, type WidgetClaims } from './widget-tokens.js';

export type ChatEnv = { Variables: ChannelEnv['Variables'] & { userId: string; widget: WidgetClaims } };

export type ChatGuardDeps = {
  origins: OriginPolicy;
  /** Never derived from the request's Host header: a rebound DNS name would otherwise count as "our own site". */
  ownOrigins: (c: Context) => string[];
  limiter: RateLimiter;
  requestsPerMinutePerIp: number;
  /** TRUST_PROXY_HOPS: whose X-Forwarded-For to believe for the per-address limit. */
  trustedProxies?: number;
};

/** Adds `Retry-After` to a rate-limit refusal, so clients (and useChat users) know when to come back. */
export const withRetryAfter = async (c: Context, hit: Promise<void>): Promise<void> => {
  try {
    await hit;
  } catch (error) {
    const details =
      error instanceof AppError ? (error.details as { retryAfterSeconds?: number } | undefined) : undefined;
    if (details?.retryAfterSeconds) c.header('Retry-After', String(details.retryAfterSeconds));
    throw error;
  }
};

/**
 * A request from any origin not on the allowlist is refused before anything else runs (preflights are answered so
 * the refusal is readable). Requests
 * without an Origin (curl, server-side useChat) pass here: they still need a valid widget token.
 */
export const chatGuard =
  (deps: ChatGuardDeps): MiddlewareHandler<ChatEnv> =>
  async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      // CORS headers go to every origin so that a refused site's widget can read *why* (instead of an opaque
      // network error); the refusal itself is what protects the chat, and it happens on the real request.
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      c.header('Access-Control-Expose-Headers', 'x-vercel-ai-ui-message-stream, x-request-id, retry-after');
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        c.header('Access-Control-Allow-Headers', 'authorization, content-type');
        c.header('Access-Control-Max-Age', '600');
        return c.body(null, 204);
      }
      if (!deps.ownOrigins(c).some((own) => deps.origins.isAllowed(origin, own))) {
        throw new AppError(
          'FORBIDDEN',
          'This site is not allowed to use this FocusForge chat. Ask its operator to add it to CHAT_ALLOWED_ORIGINS.',
        );
      }
    }
    await withRetryAfter(
      c,
      deps.limiter.hit('ip', clientAddress(c, deps.trustedProxies ?? 0), {
        limit: deps.requestsPerMinutePerIp,
        windowMs: 60_000,
      }),
    );
    await next();
    return undefined;
  };

/** Resolves the widget token; handlers read the user from `c.var.widget` only. */
export const widgetAuth =
  (deps: { secret: string; clock: Clock; users: UserRepo }): MiddlewareHandler<ChatEnv> =>
  async (c, next) => {
    const secret = bearerSecret(c.req.header('authorization'));
    if (!secret)
      throw new AppError(
        'UNAUTHENTICATED',
        'A widget token is required: start a session with POST /chat/session.',
      );
    const claims = verifyWidgetToken(deps.secret, secret, Math.floor(deps.clock.now().getTime() / 1000));
    await assertAccountActive(deps, claims.uid);
    c.set('widget', claims);
    c.set('userId', claims.uid);
    await next();
  };
