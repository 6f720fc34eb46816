import { timingSafeEqual } from 'node:crypto';
import { webApi } from '@slack/bolt';
import slackOAuth, { type Installation, type InstallationStore } from '@slack/oauth';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { SlackConfig } from '../../config.js';
import { AppError, type Clock, type Logger } from '../../shared/index.js';

/**
 * What the bot needs: read and answer DMs and mentions, the slash command, App Home, users' time zones, and the
 * photos people send as proof.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'chat:write',
  'commands',
  'files:read',
  'im:history',
  'im:write',
  'users:read',
];

// A CommonJS package: its named exports are only visible through the default one under Node's ESM loader.
const { ClearStateStore } = slackOAuth;

const STATE_COOKIE = 'ff-slack-state';
const STATE_SECONDS = 600;

const OAuthAccessSchemaKeys = ['access_token', 'team', 'bot_user_id', 'app_id'] as const;

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * `/slack/install` (a link to Slack's consent page, with a signed state also set as a cookie, so the callback
 * comes from the browser that started) and `/slack/oauth_redirect` (state checked, code exchanged with
 * `oauth.v2.access`, the installation stored encrypted).
 */
export const slackOAuthRoutes = (deps: {
  config: SlackConfig;
  oauth: NonNullable<SlackConfig['oauth']>;
  installationStore: InstallationStore;
  redirectUri: string;
  clock: Clock;
  logger: Logger;
}): Hono => {
  const states = new ClearStateStore(deps.oauth.stateSecret, STATE_SECONDS);
  const routes = new Hono();
  const secure = deps.redirectUri.startsWith('https://');

  routes.get('/slack/install', async (c) => {
    const state = await states.generateStateParam(
      { scopes: BOT_SCOPES, redirectUri: deps.redirectUri },
      deps.clock.now(),
    );
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/slack',
      maxAge: STATE_SECONDS,
    });
    const url = new URL('https://slack.com/oauth/v2/authorize');
    url.searchParams.set('client_id', deps.oauth.clientId);
    url.searchParams.set('scope', BOT_SCOPES.join(','));
    url.searchParams.set('state', state);
    url.searchParams.set('redirect_uri', deps.redirectUri);
    return c.html(
      `<!doctype html><title>Add FocusForge to Slack</title><p><a href="${url.toString().replace(/&/g, '&amp;')}">Add FocusForge to Slack</a></p>`,
    );
  });

  routes.get('/slack/oauth_redirect', async (c) => {
    const state = c.req.query('state') ?? '';
    const code = c.req.query('code') ?? '';
    const cookie = getCookie(c, STATE_COOKIE) ?? '';
    if (c.req.query('error')) return c.html('<p>Slack install cancelled.</p>', 400);
    try {
      if (!state || !cookie || !sameText(state, cookie)) throw new Error('state cookie mismatch');
      await states.verifyStateParam(deps.clock.now(), state);
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message }, 'slack install refused');
      throw new AppError('FORBIDDEN', 'That install link expired or came from another browser. Start again.');
    }
    if (!code) throw new AppError('BAD_REQUEST', 'Slack sent no code.');
    const client = new webApi.WebClient(undefined, {
      slackApiUrl: deps.config.apiUrl,
      logLevel: webApi.LogLevel.ERROR,
    });
    const access = await client.oauth.v2
      .access({
        client_id: deps.oauth.clientId,
        client_secret: deps.oauth.clientSecret,
        code,
        redirect_uri: deps.redirectUri,
      })
      .catch((error: unknown) => {
        throw new AppError('BAD_REQUEST', 'Slack did not accept that install code. Start again.', {
          cause: error,
        });
      });
    if (OAuthAccessSchemaKeys.some((key) => !access[key]) || !access.team?.id)
      throw new AppError('UNAVAILABLE', 'Slack answered the install oddly. Try again.');
    const installation: Installation = {
      team: { id: access.team.id, ...(access.team.name ? { name: access.team.name } : {}) },
      enterprise: undefined,
      isEnterpriseInstall: false,
      appId: access.app_id,
      user: { id: access.authed_user?.id ?? '', token: undefined, scopes: undefined },
      bot: {
        id: '',
        userId: access.bot_user_id ?? '',
        token: access.access_token ?? '',
        scopes: (access.scope ?? '').split(',').filter(Boolean),
      },
      tokenType: 'bot',
      authVersion: 'v2',
    };
    await deps.installationStore.storeInstallation(installation);
    deps.logger.info({ teamId: access.team.id }, 'slack workspace installed');
    setCookie(c, STATE_COOKIE, '', { path: '/slack', maxAge: 0 });
    return c.html('<p>FocusForge is installed. Say hi to it in a DM.</p>');
  });
  return routes;
};
