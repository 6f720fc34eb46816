import { createHmac, createPrivateKey } from 'node:crypto';
import Provider, { errors, type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import type { OAuthStore } from '../../domain/index.js';

/** The two scopes of FocusForge's MCP resource: a read-only grant sees and calls only read-only tools. */
export const SCOPE_READ = 'focusforge:read';
export const SCOPE_WRITE = 'focusforge:write';
export const SCOPES = [SCOPE_READ, SCOPE_WRITE] as const;

export type OAuthSettings = {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Signs the interaction cookies and seeds the id-token signing key; the same on every node. */
  secret: string;
};

export const OAUTH_PATHS = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  interaction: '/oauth/interaction',
} as const;

/** The issuer's path without a trailing slash ('' when it has none): what a reverse proxy strips before us. */
export const issuerPath = (issuer: string) => new URL(issuer).pathname.replace(/\/+$/, '');

const adapterFor = (store: OAuthStore) =>
  class MongoAdapter implements Adapter {
    constructor(private readonly model: string) {}
    upsert = (id: string, payload: AdapterPayload, expiresIn: number) =>
      store.upsert(this.model, id, payload as Record<string, unknown>, expiresIn);
    find = async (id: string) => (await store.find(this.model, id)) as AdapterPayload | undefined;
    findByUid = async (uid: string) => (await store.findByUid(this.model, uid)) as AdapterPayload | undefined;
    // Device flow is off: no record is ever looked up by user code.
    findByUserCode = () => Promise.resolve(undefined);
    consume = (id: string) => store.consume(this.model, id);
    destroy = (id: string) => store.destroy(this.model, id);
    revokeByGrantId = (grantId: string) => store.revokeByGrantId(grantId, this.model);
  };

/** An Ed25519 key derived from the secret: every node signs (and publishes) the same key without sharing files. */
const signingKey = (secret: string) => {
  const seed = createHmac('sha256', secret).update('focusforge-oauth-signing-key').digest();
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const jwk = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return {
    ...jwk,
    kid: createHmac('sha256', secret).update('kid').digest('base64url').slice(0, 16),
    use: 'sig',
    alg: 'EdDSA',
  };
};

/**
 * The authorization server (oidc-provider, see docs/decisions/0012-mcp-oauth.md) for one issuer. Public clients
 * only, authorization code with PKCE S256, one resource (`${issuer}/mcp`) whose scopes are ours, opaque access
 * tokens kept short, refresh tokens rotated on every use; DCR open (rate-limited in front) and Client ID Metadata
 * Documents fetched on demand.
 */
export const createOAuthProvider = (options: {
  issuer: string;
  resource: string;
  store: OAuthStore;
  settings: OAuthSettings;
  /** Who may have a client's metadata document fetched (tests add a local https server). */
  fetch?: Configuration['fetch'];
  allowPrivateCimdHosts?: boolean;
}): Provider => {
  const { issuer, resource, settings } = options;
  // PUBLIC_URL may carry a path (https://host/ff behind a proxy that strips it): the interaction page's URL, like
  // every URL the provider builds, must carry it too, or the browser leaves the prefix and loses the cookie.
  const basePath = issuerPath(issuer);
  const configuration: Configuration = {
    adapter: adapterFor(options.store),
    clients: [],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    claims: { openid: ['sub'] },
    // Listed here too: clients register (DCR) and are checked against this list, and discovery advertises it.
    scopes: ['openid', 'offline_access', ...SCOPES],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] } as Configuration['enabledJWA'],
    jwks: { keys: [signingKey(settings.secret)] as never },
    cookies: { keys: [createHmac('sha256', settings.secret).update('cookies').digest('base64url')] },
    routes: {
      authorization: OAUTH_PATHS.authorization,
      token: OAUTH_PATHS.token,
      registration: OAUTH_PATHS.registration,
      revocation: OAUTH_PATHS.revocation,
      jwks: OAUTH_PATHS.jwks,
      userinfo: '/oauth/userinfo',
      end_session: '/oauth/logout',
      introspection: '/oauth/introspect',
      pushed_authorization_request: '/oauth/par',
      code_verification: '/oauth/device',
      device_authorization: '/oauth/device/auth',
      backchannel_authentication: '/oauth/backchannel',
      challenge: '/oauth/challenge',
    },
    interactions: {
      url: (_ctx, interaction) => `${basePath}${OAUTH_PATHS.interaction}/${interaction.uid}`,
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      RefreshToken: settings.refreshTokenTtlDays * 86_400,
      Grant: settings.refreshTokenTtlDays * 86_400,
      Interaction: 15 * 60,
      Session: 60 * 60,
      IdToken: 60 * 60,
    },
    // Public clients calling from a browser (an MCP web client) need CORS on token, registration and revocation.
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      // A client may revoke only its own tokens; revoking either kind ends the grant's tokens (RFC 7009 2.1).
      revocation: {
        enabled: true,
        allowedPolicy: (
          ctx: { oidc: { client?: { clientId: string } } },
          _client: unknown,
          token: { clientId?: string },
        ) => token.clientId === ctx.oidc.client?.clientId,
      },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, requested) => {
          if (requested !== resource) throw new errors.InvalidTarget(`this server protects only ${resource}`);
          return {
            scope: SCOPES.join(' '),
            audience: resource,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        ack: 'draft-02',
        allowFetch: () => true,
      },
    } as Configuration['features'],
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const provider = new Provider(issuer, configuration);
  // Requests reach the provider with Host and X-Forwarded-* rewritten from PUBLIC_URL (see routes.ts).
  provider.proxy = true;
  return provider;
};
