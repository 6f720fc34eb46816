import { App, AuthorizationError, LogLevel } from '@slack/bolt';
import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import type { SlackConfig } from '../../config.js';
import type { ChannelSender, Domain, LinkDeps } from '../../domain/index.js';
import type { ChannelAdapter, ChannelEnv } from '../contract.js';
import type { Logger } from '../../shared/index.js';
import { publishHomeIfChanged } from './app-home.js';
import { SLACK_BUDGET } from './blocks.js';
import { HonoReceiver } from './hono-receiver.js';
import { slackOAuthRoutes } from './oauth-routes.js';
import { createSlackClients } from './slack-clients.js';
import { registerSlackListeners } from './slack-events.js';
import { slackAddress } from './slack-identity.js';
import { createProofFocus } from './slack-proof.js';
import { createSlackSender, deliverSlackReply } from './slack-replies.js';
import type { SlackInbound } from './slack-types.js';
import { createSingleWorkspace, createStoredWorkspaces, type SlackWorkspaces } from './workspaces.js';

export { slackIndexes } from './workspaces.js';
export type { SlackInbound, SlackReplyTo } from './slack-types.js';

export type SlackChannelDeps = {
  config: SlackConfig;
  db: Db;
  domain: Domain;
  /** "link CODE": the one linking use case every channel shares (domain/account). */
  account: LinkDeps;
  redis: Redis;
  /** Redis key prefix (JOBS_PREFIX). */
  prefix: string;
  logger: Logger;
  /** Where turns are queued; the queue's worker calls `deliverReply` with the answer. */
  inbound: SlackInbound;
  /** PUBLIC_URL (or this server's own URL): the OAuth redirect is `${publicUrl}/slack/oauth_redirect`. */
  publicUrl: string;
  /** PROOF_IMAGE_MAX_BYTES: the largest photo fetched from Slack as proof. */
  proofImageMaxBytes: number;
};

/** Slack sent something for a team we hold no installation for (uninstalled, or never installed here). */
class NoInstallationError extends Error {
  constructor(readonly teamId: string) {
    super(`no Slack installation for ${teamId}`);
  }
}

/** One warning per team in this window, however many of its events arrive. */
const NO_INSTALLATION_LOG_SECONDS = 3_600;

export type SlackAdapter = ChannelAdapter & { sender: ChannelSender; workspaces: SlackWorkspaces };

/** The Slack channel: Bolt inside the Hono app, the DM sender, and the reply path of queued turns. */
export const createSlackAdapter = (deps: SlackChannelDeps): SlackAdapter => {
  const { config } = deps;
  const oauth = config.oauth;
  const workspaces =
    oauth !== undefined
      ? createStoredWorkspaces(deps.db, deps.domain.clock, oauth.tokenKey)
      : createSingleWorkspace(config.botToken ?? '');
  const clients = createSlackClients(config, workspaces);
  const focus = createProofFocus(deps.redis, deps.prefix);
  const receiver = new HonoReceiver({ signingSecret: config.signingSecret, logger: deps.logger });
  const bolt = new App({
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: config.apiUrl },
    // Per team: the stored installation, or the one configured token. `botUserId` lets us see our own mentions.
    authorize: async ({ teamId, enterpriseId }) => {
      const team = teamId ?? enterpriseId ?? '';
      // A store that fails throws on (and Slack retries); only a team with no installation is NoInstallationError.
      const bot = await workspaces.botFor(team);
      if (!bot) throw new NoInstallationError(team);
      return { botToken: bot.token, ...(bot.botUserId ? { botUserId: bot.botUserId } : {}) };
    },
  });
  // An event for a team without installation is answered 200 and dropped: a 5xx would only make Slack retry it for
  // hours and then disable the app. Every other failure still rejects, so its event is retried.
  bolt.error(async (error) => {
    const cause = error instanceof AuthorizationError ? error.original : null;
    if (!(cause instanceof NoInstallationError)) throw error;
    const logKey = `${deps.prefix}:slack:no-installation:${cause.teamId}`;
    const isFirst = await deps.redis
      .set(logKey, '1', 'EX', NO_INSTALLATION_LOG_SECONDS, 'NX')
      .then((answer) => answer === 'OK')
      .catch(() => true);
    if (isFirst)
      deps.logger.warn({ teamId: cause.teamId }, 'slack event for a workspace without installation dropped');
  });

  const publishHome = async (teamId: string, slackUserId: string, userId: string | null, force: boolean) => {
    const address = slackAddress({ teamId, slackUserId });
    const owner = userId ?? (await deps.domain.identities.find('slack', address))?.userId;
    if (!owner) return;
    const client = await clients.forTeam(teamId);
    await publishHomeIfChanged(
      deps,
      (view) => client.views.publish({ user_id: slackUserId, view }),
      owner,
      address,
      force,
    );
  };

  registerSlackListeners(bolt, {
    domain: deps.domain,
    account: deps.account,
    redis: deps.redis,
    prefix: deps.prefix,
    logger: deps.logger,
    clients,
    workspaces,
    inbound: deps.inbound,
    publishHome: (teamId, slackUserId, force) => publishHome(teamId, slackUserId, null, force),
    focus,
    apiUrl: config.apiUrl,
    proofImageMaxBytes: deps.proofImageMaxBytes,
  });

  const routes = new Hono<ChannelEnv>();
  routes.route('/', receiver.routes());
  if (oauth && workspaces.installationStore)
    routes.route(
      '/',
      slackOAuthRoutes({
        config,
        oauth,
        installationStore: workspaces.installationStore,
        redirectUri: `${deps.publicUrl.replace(/\/$/, '')}/slack/oauth_redirect`,
        clock: deps.domain.clock,
        logger: deps.logger,
      }),
    );

  return {
    channel: 'slack',
    budget: { maxChars: 3_000, maxListItems: SLACK_BUDGET.maxListItems },
    routes,
    workspaces,
    sender: createSlackSender(clients, focus),
    deliverReply: (job, reply) =>
      deliverSlackReply(
        {
          config,
          clients,
          focus,
          afterReply: async (userId, teamId, slackUserId) =>
            publishHome(teamId, slackUserId, userId, false).catch((error: unknown) =>
              deps.logger.warn({ err: (error as Error).message }, 'slack App Home not refreshed'),
            ),
        },
        job,
        reply,
      ),
  };
};
