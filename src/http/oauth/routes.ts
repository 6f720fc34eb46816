import { Hono, type Context } from 'hono';
import type { RateLimiter } from '../../channels/index.js';
import type { AppEnv } from '../context.js';
import { clientAddress } from '../client-address.js';
import { createProviderBridge, type ProviderBridge, type ProviderBridgeDeps } from './provider-bridge.js';
import { OAUTH_PATHS, SCOPES } from './provider.js';
import { signInRoutes, type SignInDeps } from './sign-in-routes.js';

export type OAuthServerDeps = ProviderBridgeDeps &
  SignInDeps & {
    domain: ProviderBridgeDeps['domain'] & SignInDeps['domain'];
    /** Counts registrations per client address. */
    limiter: RateLimiter;
    /** TRUST_PROXY_HOPS: whose X-Forwarded-For to believe for the registration limit's client address. */
    trustedProxies: number;
  };

/** A verified OAuth access token presented to /mcp. */
export type OAuthAccess = { userId: string; clientId: string; scopes: string[]; audience: string[] };

/**
 * The authorization server's metadata (RFC 8414 at the root and the OpenID name of the same document). With a path
 * in PUBLIC_URL the proxy delivers `${PUBLIC_URL}/.well-known/openid-configuration` here; RFC 8414 puts the path
 * after the well-known name, which reaches us only if the proxy also forwards the root's /.well-known (served too,
 * in case it does).
 */
const metadataRoutes = (bridge: ProviderBridge) => {
  const app = new Hono<AppEnv>();
  const { basePath } = bridge;
  const metadataPaths = [
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration',
    ...(basePath
      ? [`/.well-known/oauth-authorization-server${basePath}`, `/.well-known/openid-configuration${basePath}`]
      : []),
  ];
  for (const path of metadataPaths)
    app.get(path, (c) => bridge.handOff(c, '/.well-known/openid-configuration'));
  return app;
};

/** Dynamic client registration, limited per client address (fail closed: no counter, no registration). */
const registrationRoutes = (deps: OAuthServerDeps, bridge: ProviderBridge) => {
  const app = new Hono<AppEnv>();
  app.post(OAUTH_PATHS.registration, async (c) => {
    await deps.limiter.hit(
      'oauth-register',
      clientAddress(c, deps.trustedProxies),
      { limit: deps.settings.registrationsPerHour, windowMs: 3_600_000 },
      {
        failClosed: true,
        message: (s) => `Too many app registrations from this address; try again in ${s} seconds.`,
      },
    );
    return bridge.handOff(c);
  });
  return app;
};

/** Checks an access token for /mcp: live, issued for this resource, and whose. Null when it is not ours. */
const accessTokenVerifier =
  (bridge: ProviderBridge) =>
  async (c: Context, token: string): Promise<OAuthAccess | null> => {
    const found = await bridge.providerFor(c).AccessToken.find(token);
    if (!found || found.isExpired || !found.accountId) return null;
    const audience = [found.aud ?? []].flat().map(String);
    return {
      userId: found.accountId,
      clientId: found.clientId ?? '',
      scopes: (found.scope ?? '').split(' ').filter(Boolean),
      audience,
    };
  };

/**
 * The OAuth 2.1 authorization server for MCP clients, mounted in the app: the provider's endpoints under /oauth
 * and its metadata at /.well-known, plus our own sign-in and consent page. Issuer and resource come from
 * PUBLIC_URL (else this server's own listen address), never from the request's Host.
 */
export const createOAuthServer = (deps: OAuthServerDeps) => {
  const bridge = createProviderBridge(deps);
  const app = new Hono<AppEnv>();
  app.route('/', metadataRoutes(bridge));
  app.route('/', registrationRoutes(deps, bridge));
  // A client that asks for no scope is asking for what the resource offers; the consent page lets the person narrow it.
  app.get(OAUTH_PATHS.authorization, (c) => {
    const url = new URL(c.req.url);
    if (!url.searchParams.get('scope')) url.searchParams.set('scope', SCOPES.join(' '));
    return bridge.handOff(c, `${url.pathname}${url.search}`);
  });
  app.route('/', signInRoutes(deps, bridge));
  // Everything else under /oauth is the provider's: token, revocation, jwks, the resumed authorization.
  app.all('/oauth/*', (c) => bridge.handOff(c));
  return { routes: app, verify: accessTokenVerifier(bridge) };
};
export type OAuthServer = ReturnType<typeof createOAuthServer>;
