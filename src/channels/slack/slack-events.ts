import type { App } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Domain, LinkDeps } from '../../domain/index.js';
import type { Logger } from '../../shared/index.js';
import { registerSlackInteractions } from './interactions.js';
import { handleSlackMessage } from './message-turns.js';
import type { SlackClients } from './slack-clients.js';
import { createSeenKeys, createTurnDispatch } from './slack-dispatch.js';
import { slackAddress } from './slack-identity.js';
import { messageFromEvent, messageFromMention } from './slack-message.js';
import type { ProofFocus } from './slack-proof.js';
import type { SlackInbound } from './slack-types.js';
import type { SlackWorkspaces } from './workspaces.js';

export { slashText } from './interactions.js';

export type SlackEventDeps = {
  domain: Domain;
  /** "link CODE": the one linking use case every channel shares (domain/account). */
  account: LinkDeps;
  redis: Redis;
  prefix: string;
  logger: Logger;
  clients: SlackClients;
  workspaces: SlackWorkspaces;
  inbound: SlackInbound;
  /** Republishes a person's App Home (on app_home_opened). */
  publishHome: (teamId: string, slackUserId: string, force: boolean) => Promise<void>;
  /** The task a photo in the DM proves. */
  focus: ProofFocus;
  /** SLACK_API_URL: shared files are only fetched from Slack's file host or this host. */
  apiUrl: string;
  /** PROOF_IMAGE_MAX_BYTES. */
  proofImageMaxBytes: number;
};

/** App Home opened, and the app removed from a workspace (uninstalled, or its bot token revoked). */
const registerLifecycleEvents = (bolt: App, deps: SlackEventDeps) => {
  bolt.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await deps.publishHome(body.team_id, event.user, true);
  });

  const uninstall = async (teamId: string) => {
    const removed = await deps.workspaces.remove(teamId);
    deps.logger.info({ teamId, removed }, 'slack workspace uninstalled');
  };
  bolt.event('app_uninstalled', async ({ body }) => uninstall(body.team_id));
  bolt.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await uninstall(body.team_id);
  });
};

/** Events, slash commands and buttons: verify who it is, then queue the turn; the reply comes from the worker. */
export const registerSlackListeners = (bolt: App, deps: SlackEventDeps): void => {
  const seen = createSeenKeys(deps.redis, deps.prefix);
  const enqueue = createTurnDispatch(deps);
  const messages = { ...deps, seen, enqueue };

  bolt.event('message', async ({ event, body, context }) => {
    const message = messageFromEvent(event, body, context.botUserId);
    if (message) await handleSlackMessage(messages, message);
  });
  bolt.event('app_mention', async ({ event, body }) => {
    const message = messageFromMention(event, body);
    if (message) await handleSlackMessage(messages, message);
  });
  registerSlackInteractions(bolt, { clients: deps.clients, seen, enqueue, focus: deps.focus });
  registerLifecycleEvents(bolt, deps);
};

export { slackAddress };
