import { Hono, type Context } from 'hono';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import {
  recordConnection,
  resolveApiToken,
  resolveIdentity,
  type Channel,
  type ChannelSender,
  type Domain,
} from '../../domain/index.js';
import { AppError, type Logger } from '../../shared/index.js';
import type { AppEnv } from '../context.js';
import { consentPage, problemPage, type ConsentView } from './consent-page.js';
import type { ProviderBridge } from './provider-bridge.js';
import { OAUTH_PATHS, SCOPES } from './provider.js';

export type SignInDeps = {
  domain: Pick<Domain, 'identities' | 'users' | 'signInCodes' | 'tokens' | 'clock' | 'connections'>;
  logger: Logger;
  /** Where sign-in codes go: the web inbox always, plus email/SMS/Slack when configured. */
  senders: ReadonlyMap<Channel, ChannelSender>;
};

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;
type Scope = (typeof SCOPES)[number];

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

/** Sends a sign-in code to the address the person typed (when it is someone's) and to their web inbox. */
const sendSignInCode = async (
  deps: SignInDeps,
  uid: string,
  who: string,
  clientName: string,
): Promise<void> => {
  const channel = channelOf(who);
  const userId = channel ? await resolveIdentity(deps.domain, channel, who).catch(() => null) : null;
  if (!userId) return;
  const user = await deps.domain.users.get(userId);
  const code = await deps.domain.signInCodes.issue(uid, userId);
  const message = {
    kind: 'sign_in_code' as const,
    title: 'Your FocusForge sign-in code',
    text: `${code} is your code to connect ${clientName} to FocusForge. It works for 10 minutes. If you did not ask for it, ignore this.`,
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
};

/** The person behind a sign-in code for this interaction, or an `ff_` API token; null when neither checks out. */
const signedInUser = async (deps: SignInDeps, uid: string, secret: string): Promise<string | null> => {
  if (secret.startsWith('ff_')) return (await resolveApiToken(deps.domain, secret))?.userId ?? null;
  return secret ? deps.domain.signInCodes.verify(uid, secret) : null;
};

/**
 * Saves the grant the person approved: the chosen scopes granted, the unticked ones rejected (so they are not asked
 * again), reusing the interaction's grant when it is this person's for this client.
 */
const saveGrant = async (
  provider: Provider,
  details: Interaction,
  grantee: { userId: string; clientId: string; resource: string; chosen: string[] },
): Promise<string> => {
  const { userId, clientId, resource, chosen } = grantee;
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing?.accountId === userId && existing.clientId === clientId
      ? existing
      : new provider.Grant({ accountId: userId, clientId });
  // Our scopes are both resource scopes (in the access token) and registered scope values (which the provider
  // also counts as requested OIDC scopes); what the person unticked is rejected in both, so it is not asked again.
  const requested = String(details.params.scope ?? '').split(' ');
  const refused = SCOPES.filter((s) => !chosen.includes(s));
  grant.addResourceScope(resource, chosen.join(' '));
  if (refused.length > 0) grant.rejectResourceScope(resource, refused.join(' '));
  const oidc = requested.filter((s) => s === 'openid' || s === 'offline_access' || chosen.includes(s));
  if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
  const rejected = requested.filter((s) => refused.includes(s as Scope));
  if (rejected.length > 0) grant.rejectOIDCScope(rejected.join(' '));
  return grant.save();
};

/** The interaction in progress and the consent page's view of it. */
const interactionView = async (bridge: ProviderBridge, c: Context, uid: string) => {
  const { incoming, outgoing } = bridge.nodeOf(c);
  const provider = bridge.providerFor(c);
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
      actionPath: `${bridge.basePath}${OAUTH_PATHS.interaction}/${uid}`,
      clientName: client.clientName ?? new URL(redirect).host,
      clientId,
      redirectHost: URL.canParse(redirect) ? new URL(redirect).host : redirect,
      scopes: SCOPES.filter((s) => requested.includes(s)),
    } satisfies ConsentView,
  };
};

/** Security headers, and a plain problem page instead of an error: these pages are for people, not clients. */
const guardedPage =
  (logger: Logger, handler: (c: Context<AppEnv>, uid: string) => Promise<Response>) =>
  async (c: Context<AppEnv>) => {
    secureHeaders(c);
    try {
      return await handler(c, c.req.param('uid') ?? '');
    } catch (error) {
      const expired =
        (error as { name?: string }).name === 'SessionNotFound' || (error as AppError).code === 'NOT_FOUND';
      if (!expired && !(error instanceof AppError)) logger.warn({ err: error }, 'oauth interaction failed');
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

/**
 * Our own sign-in and consent page for an authorization in progress: show who asks for what, send a sign-in code,
 * and approve (or deny) with that code or an API token.
 */
export const signInRoutes = (deps: SignInDeps, bridge: ProviderBridge) => {
  const app = new Hono<AppEnv>();
  const guarded = (handler: (c: Context<AppEnv>, uid: string) => Promise<Response>) =>
    guardedPage(deps.logger, handler);
  const view = (c: Context, uid: string) => interactionView(bridge, c, uid);

  app.get(
    `${OAUTH_PATHS.interaction}/:uid`,
    guarded(async (c, uid) => c.html(consentPage((await view(c, uid)).page))),
  );

  app.post(
    `${OAUTH_PATHS.interaction}/:uid/code`,
    guarded(async (c, uid) => {
      const form = FormSchema.parse(await c.req.parseBody({ all: true }));
      const { page } = await view(c, uid);
      await sendSignInCode(deps, uid, form.who ?? '', page.clientName);
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
      const userId = await signedInUser(deps, uid, form.code ?? '');
      const chosen = [form.scope ?? []].flat().filter((s) => page.scopes.includes(s as Scope));
      if (!userId || chosen.length === 0) {
        const text = !userId
          ? 'That code (or token) did not work. Check it, or send yourself a new code.'
          : 'Choose at least one kind of access, or press Deny.';
        return c.html(consentPage({ ...page, notice: { kind: 'error', text } }), 400);
      }
      const grantId = await saveGrant(provider, details, {
        userId,
        clientId: client.clientId,
        resource: bridge.resourceOf(c),
        chosen,
      });
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

  return app;
};
