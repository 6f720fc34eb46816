import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context } from 'hono';
import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import { z } from 'zod';
import type { Domain } from '../../domain/deps.js';
import { recordConnection } from '../../domain/oauth/index.js';
import { resolveApiToken } from '../../domain/tokens/api-tokens.js';
import { resolveIdentity } from '../../domain/identities/index.js';
import type { ChannelSender } from '../../domain/notifications/channel-sender.js';
import type { Channel } from '../../domain/users/user-schemas.js';
import type { RateLimiter } from '../../channels/web/index.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { AppEnv } from '../context.js';
import { clientAddress } from '../client-address.js';
import { selfOrigin, type ListenAddress } from '../self-origin.js';
import { consentPage, problemPage, type ConsentView } from './consent-page.js';
import { createOAuthProvider, issuerPath, OAUTH_PATHS, SCOPES, type OAuthSettings } from './provider.js';

export type OAuthServerDeps = {
  domain: Domain;
  logger: Logger;
  publicUrl?: string | undefined;
  listen: ListenAddress;
  settings: OAuthSettings & { registrationsPerHour: number };
  /** Counts registrations per client address; without it registration is not rate-limited. */
  limiter?: RateLimiter | undefined;
  /** Where sign-in codes go: the web inbox always, plus email/SMS/Slack when configured. */
  senders: ReadonlyMap<Channel, ChannelSender>;
  /** Fetches Client ID Metadata Documents; the provider's own SSRF-guarded fetch when absent. */
  fetch?: Configuration['fetch'] | undefined;
  /** TRUST_PROXY_HOPS: whose X-Forwarded-For to believe for the registration limit's client address. */
  trustedProxies?: number | undefined;
};

/** A verified OAuth access token presented to /mcp. */
export type OAuthAccess = { userId: string; clientId: string; scopes: string[]; audience: string[] };

type NodeEnv = { incoming?: IncomingMessage; outgoing?: ServerResponse };

/** Which channel an address the person typed belongs to; null when it is none we know. */
const channelOf = (who: string): Channel | null => {
  if (who.includes('@')) return 'email';
  if (/^\+?[\d\s().-]{7,}$/.test(who)) return 'sms';
  if (/^[TE][A-Z0-9]+:[UW][A-Z0-9]+$/i.test(who)) return 'slack';
  return null;
};

const FormSchema = z.object({
  who: z.string().trim().max(200).optional(),
  code: z.string().trim().max(300).optional(),
  action: z.enum(['allow', 'deny']).optional(),
  scope: z.union([z.string(), z.array(z.string())]).optional(),
});

/**
 * The OAuth 2.1 authorization server for MCP clients, mounted in the app: the provider's endpoints under /oauth
 * and its metadata at /.well-known, plus our own sign-in and consent page. Issuer and resource come from
 * PUBLIC_URL (else this server's own listen address), never from the request's Host.
 */
export const createOAuthServer = (deps: OAuthServerDeps) => {
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

  const app = new Hono<AppEnv>();
  // No form-action: after Allow the browser is redirected to the app's own redirect URI, which may be any scheme.
  const secureHeaders = (c: Context) => {
    c.header('X-Frame-Options', 'DENY');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  };

  // RFC 8414 at the root and the OpenID name of the same document. With a path in PUBLIC_URL the proxy delivers
  // `${PUBLIC_URL}/.well-known/openid-configuration` here; RFC 8414 puts the path after the well-known name,
  // which reaches us only if the proxy also forwards the root's /.well-known (served too, in case it does).
  const metadataPaths = [
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration',
    ...(basePath
      ? [`/.well-known/oauth-authorization-server${basePath}`, `/.well-known/openid-configuration${basePath}`]
      : []),
  ];
  for (const path of metadataPaths) app.get(path, (c) => handOff(c, '/.well-known/openid-configuration'));

  app.post(OAUTH_PATHS.registration, async (c) => {
    if (deps.limiter) {
      await deps.limiter.hit(
        'oauth-register',
        clientAddress(c, deps.trustedProxies ?? 0),
        { limit: deps.settings.registrationsPerHour, windowMs: 3_600_000 },
        {
          failClosed: true,
          message: (s) => `Too many app registrations from this address; try again in ${s} seconds.`,
        },
      );
    }
    return handOff(c);
  });

  // A client that asks for no scope is asking for what the resource offers; the consent page lets the person narrow it.
  app.get(OAUTH_PATHS.authorization, (c) => {
    const url = new URL(c.req.url);
    if (!url.searchParams.get('scope')) url.searchParams.set('scope', SCOPES.join(' '));
    return handOff(c, `${url.pathname}${url.search}`);
  });

  const view = async (c: Context, uid: string, notice?: ConsentView['notice']) => {
    const { incoming, outgoing } = nodeOf(c);
    const provider = providerFor(c);
    const details = await provider.interactionDetails(incoming, outgoing);
    if (details.uid !== uid) throw new AppError('NOT_FOUND', 'This sign-in link has expired.');
    const clientId = String(details.params.client_id);
    const client = await provider.Client.find(clientId);
    if (!client) throw new AppError('NOT_FOUND', 'The app asking to connect is not known any more.');
    const redirect = String(details.params.redirect_uri ?? client.redirectUris?.[0] ?? '');
    const requested = String(details.params.scope ?? '').split(' ');
    return {
      details,
      provider,
      client,
      incoming,
      outgoing,
      page: {
        uid,
        actionPath: `${basePath}${OAUTH_PATHS.interaction}/${uid}`,
        clientName: client.clientName ?? new URL(redirect).host,
        clientId,
        redirectHost: URL.canParse(redirect) ? new URL(redirect).host : redirect,
        scopes: SCOPES.filter((s) => requested.includes(s)),
        notice,
      } satisfies ConsentView,
    };
  };

  const guarded =
    (handler: (c: Context<AppEnv>, uid: string) => Promise<Response>) => async (c: Context<AppEnv>) => {
      secureHeaders(c);
      try {
        return await handler(c, c.req.param('uid') ?? '');
      } catch (error) {
        const expired =
          (error as { name?: string }).name === 'SessionNotFound' || (error as AppError).code === 'NOT_FOUND';
        if (!expired && !(error instanceof AppError))
          deps.logger.warn({ err: error }, 'oauth interaction failed');
        return c.html(
          problemPage(
            expired
              ? 'This sign-in link has expired or was opened in another browser.'
              : 'Something went wrong with this sign-in.',
          ),
          expired ? 400 : 500,
        );
      }
    };

  app.get(
    `${OAUTH_PATHS.interaction}/:uid`,
    guarded(async (c, uid) => c.html(consentPage((await view(c, uid)).page))),
  );

  app.post(
    `${OAUTH_PATHS.interaction}/:uid/code`,
    guarded(async (c, uid) => {
      const form = FormSchema.parse(await c.req.parseBody({ all: true }));
      const { page } = await view(c, uid);
      const who = form.who ?? '';
      const channel = channelOf(who);
      const userId = channel ? await resolveIdentity(deps.domain, channel, who).catch(() => null) : null;
      if (userId) {
        const user = await deps.domain.users.get(userId);
        const code = await deps.domain.signInCodes.issue(uid, userId);
        const message = {
          kind: 'sign_in_code' as const,
          title: 'Your FocusForge sign-in code',
          text: `${code} is your code to connect ${page.clientName} to FocusForge. It works for 10 minutes. If you did not ask for it, ignore this.`,
          taskId: null,
          actions: [],
          data: {},
        };
        const targets: { sender: ChannelSender; address: string | null }[] = [];
        const web = deps.senders.get('web');
        if (web) targets.push({ sender: web, address: null });
        const direct = channel ? deps.senders.get(channel) : undefined;
        if (direct && channel !== 'web') targets.push({ sender: direct, address: who });
        for (const { sender, address } of targets) {
          await sender
            .send(
              { userId, name: user?.name ?? 'there', address },
              message,
              `oauth-code:${uid}:${code}:${sender.channel}`,
            )
            .catch((error: unknown) =>
              deps.logger.warn({ err: error, channel: sender.channel }, 'sign-in code not sent'),
            );
        }
      }
      // The same answer whether or not the address is known: the page must not tell who has an account.
      return c.html(
        consentPage({
          ...page,
          notice: {
            kind: 'info',
            text: 'If that address belongs to a FocusForge account, a 6-digit code is on its way there and to your FocusForge inbox (ask the assistant in chat). Enter it below.',
          },
        }),
      );
    }),
  );

  app.post(
    `${OAUTH_PATHS.interaction}/:uid/approve`,
    guarded(async (c, uid) => {
      const form = FormSchema.parse(await c.req.parseBody({ all: true }));
      const { details, provider, client, incoming, outgoing, page } = await view(c, uid);
      if (form.action !== 'allow') {
        const to = await provider.interactionResult(incoming, outgoing, {
          error: 'access_denied',
          error_description: 'The person declined to connect this app.',
        });
        return c.redirect(to, 303);
      }
      const secret = form.code ?? '';
      const userId = secret.startsWith('ff_')
        ? ((await resolveApiToken(deps.domain, secret))?.userId ?? null)
        : secret
          ? await deps.domain.signInCodes.verify(uid, secret)
          : null;
      const chosen = [form.scope ?? []]
        .flat()
        .filter((s) => page.scopes.includes(s as (typeof SCOPES)[number]));
      if (!userId || chosen.length === 0) {
        const text = !userId
          ? 'That code (or token) did not work. Check it, or send yourself a new code.'
          : 'Choose at least one kind of access, or press Deny.';
        return c.html(consentPage({ ...page, notice: { kind: 'error', text } }), 400);
      }
      const resource = resourceOf(c);
      const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
      const grant =
        existing?.accountId === userId && existing.clientId === client.clientId
          ? existing
          : new provider.Grant({ accountId: userId, clientId: client.clientId });
      // Our scopes are both resource scopes (in the access token) and registered scope values (which the provider
      // also counts as requested OIDC scopes); what the person unticked is rejected in both, so it is not asked again.
      const requested = String(details.params.scope ?? '').split(' ');
      const refused = SCOPES.filter((s) => !chosen.includes(s));
      grant.addResourceScope(resource, chosen.join(' '));
      if (refused.length > 0) grant.rejectResourceScope(resource, refused.join(' '));
      const oidc = requested.filter((s) => s === 'openid' || s === 'offline_access' || chosen.includes(s));
      if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
      const rejected = requested.filter((s) => refused.includes(s as (typeof SCOPES)[number]));
      if (rejected.length > 0) grant.rejectOIDCScope(rejected.join(' '));
      const grantId = await grant.save();
      await recordConnection(deps.domain, {
        _id: grantId,
        userId,
        clientId: client.clientId,
        clientName: page.clientName,
        redirectHost: page.redirectHost,
        scopes: chosen,
      });
      const to = await provider.interactionResult(incoming, outgoing, {
        login: { accountId: userId, remember: false },
        consent: { grantId },
      });
      return c.redirect(to, 303);
    }),
  );

  // Everything else under /oauth is the provider's: token, revocation, jwks, the resumed authorization.
  app.all('/oauth/*', (c) => handOff(c));

  /** Checks an access token for /mcp: live, issued for this resource, and whose. Null when it is not ours. */
  const verify = async (c: Context, token: string): Promise<OAuthAccess | null> => {
    const found = await providerFor(c).AccessToken.find(token);
    if (!found || found.isExpired || !found.accountId) return null;
    const audience = [found.aud ?? []].flat().map(String);
    return {
      userId: found.accountId,
      clientId: found.clientId ?? '',
      scopes: (found.scope ?? '').split(' ').filter(Boolean),
      audience,
    };
  };

  return { routes: app, verify };
};
export type OAuthServer = ReturnType<typeof createOAuthServer>;
