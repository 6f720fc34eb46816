import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import { AppError } from '../../shared/index.js';
import type { SlackWorkspaces } from './workspaces.js';

export type SlackClients = {
  /** A Web API client acting as the bot of `teamId`; UNAVAILABLE when the team is not installed (any more). */
  forTeam: (teamId: string) => Promise<webApi.WebClient>;
};

/**
 * One WebClient per bot token, pointed at SLACK_API_URL. The client itself waits out 429s (Retry-After) and
 * retries 5xx and network failures a few times.
 */
export const createSlackClients = (config: SlackConfig, workspaces: SlackWorkspaces): SlackClients => {
  const clients = new Map<string, webApi.WebClient>();
  return {
    forTeam: async (teamId) => {
      const bot = await workspaces.botFor(teamId);
      if (!bot) throw new AppError('UNAVAILABLE', 'FocusForge is not installed in that Slack workspace.');
      let client = clients.get(bot.token);
      if (!client) {
        if (clients.size > 1_000) clients.clear();
        client = new webApi.WebClient(bot.token, {
          slackApiUrl: config.apiUrl,
          logLevel: webApi.LogLevel.ERROR,
          retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5_000 },
        });
        clients.set(bot.token, client);
      }
      return client;
    },
  };
};

/** The Slack errors that mean "this person cannot be reached here": try their next channel. */
export const UNREACHABLE_ERRORS = new Set([
  'account_inactive',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'messages_tab_disabled',
  'invalid_auth',
  'token_revoked',
  'not_authed',
]);

/** The `error` code of a failed Web API call (`ok: false`), or null for other failures. */
export const slackErrorCode = (error: unknown): string | null => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
};
