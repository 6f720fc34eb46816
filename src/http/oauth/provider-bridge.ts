import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import type { Domain } from '../../domain/index.js';
import { AppError, type Logger } from '../../shared/index.js';
import { selfOrigin, type ListenAddress } from '../self-origin.js';
import { createOAuthProvider, issuerPath, type OAuthSettings } from './provider.js';

export type ProviderBridgeDeps = {
  domain: Pick<Domain, 'oauthStore'>;
  logger: Logger;
  /** PUBLIC_URL (unset: this server's own listen address is the issuer). */
  publicUrl?: string | undefined;
  listen: ListenAddress;
  settings: OAuthSettings & { registrationsPerHour: number };
  /** Fetches Client ID Metadata Documents; the provider's own SSRF-guarded fetch when absent. */
  fetch?: Configuration['fetch'] | undefined;
};

type NodeEnv = { incoming?: IncomingMessage; outgoing?: ServerResponse };

/**
 * The oidc-provider side of the OAuth server: one provider per issuer, and the hand-off of the raw Node request to
 * it. Issuer and resource come from PUBLIC_URL (else this server's own listen address), never from the request's Host.
 */
export const createProviderBridge = (deps: ProviderBridgeDeps) => {
  const providers = new Map<string, Provider>();
  const issuerOf = (c: Context) =>
    deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : selfOrigin(c, undefined, deps.listen);
  const resourceOf = (c: Context) => `${issuerOf(c)}/mcp`;
  /** PUBLIC_URL's path ('' without one), which a reverse proxy strips before requests reach us. */
  const basePath = deps.publicUrl ? issuerPath(deps.publicUrl) : '';
  const providerFor = (c: Context): Provider => {
    const issuer = issuerOf(c);
    let provider = providers.get(issuer);
    if (!provider) {
      provider = createOAuthProvider({
        issuer,
        resource: `${issuer}/mcp`,
        store: deps.domain.oauthStore,
        settings: deps.settings,
        fetch: deps.fetch,
      });
      provider.on('server_error', (_ctx, error) => deps.logger.error({ err: error }, 'oauth server error'));
      providers.set(issuer, provider);
    }
    return provider;
  };

  const nodeOf = (c: Context, url?: string) => {
    const { incoming, outgoing } = (c.env ?? {}) as NodeEnv;
    if (!incoming || !outgoing)
      throw new AppError('UNAVAILABLE', 'Sign-in with OAuth needs the Node HTTP server.', { status: 503 });
    // The provider builds every URL it hands out from these; they must say PUBLIC_URL, whatever Host was sent.
    const issuer = new URL(issuerOf(c));
    incoming.headers.host = issuer.host;
    incoming.headers['x-forwarded-host'] = issuer.host;
    incoming.headers['x-forwarded-proto'] = issuer.protocol.replace(':', '');
    delete incoming.headers['x-forwarded-for'];
    if (url) incoming.url = url;
    // As if mounted at PUBLIC_URL's path (the way Express reports a mount): the provider reads its mount path
    // from originalUrl, so its endpoint URLs and cookie paths keep the prefix the proxy stripped.
    (incoming as IncomingMessage & { originalUrl?: string }).originalUrl =
      `${issuerPath(issuer.href)}${incoming.url ?? '/'}`;
    return { incoming, outgoing };
  };

  /** Lets the provider answer on the raw Node request; Hono then sends nothing more. */
  const handOff = async (c: Context, url?: string) => {
    const { incoming, outgoing } = nodeOf(c, url);
    await providerFor(c).callback()(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  };

  return { resourceOf, basePath, providerFor, nodeOf, handOff };
};

export type ProviderBridge = ReturnType<typeof createProviderBridge>;
