import { z } from 'zod';
import type { SlackConfig } from '../../config.js';
import type { ChannelSender } from '../../domain/index.js';
import type { Reply } from '../../planner/index.js';
import { AppError } from '../../shared/index.js';
import { notificationBlocks, replyBlocks } from './blocks.js';
import { slackErrorCode, UNREACHABLE_ERRORS, type SlackClients } from './slack-clients.js';
import { taskOfReply, type ProofFocus } from './slack-proof.js';
import type { SlackReplyTo } from './slack-types.js';

const ReplyToSchema = z.object({
  team: z.string().min(1),
  channel: z.string().min(1),
  user: z.string().min(1),
  mode: z.enum(['dm', 'thread', 'ephemeral', 'card']),
  threadTs: z.string().optional(),
  cardTs: z.string().optional(),
  responseUrl: z.string().optional(),
});

/** Response URLs come inside signed payloads; still, they are only followed to Slack itself (or SLACK_API_URL). */
const isSlackResponseUrl = (url: string, config: SlackConfig) => {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com') return true;
    return parsed.origin === new URL(config.apiUrl).origin;
  } catch {
    return false;
  }
};

export type SlackReplyDeps = {
  config: SlackConfig;
  clients: SlackClients;
  /** After a reply (its action may have changed tasks, points or streak): refresh the App Home if it changed. */
  afterReply: (userId: string, teamId: string, slackUserId: string) => Promise<void>;
  /** A photo the person sends next proves the task this reply was about. */
  focus: ProofFocus;
};

/** Sends a queued turn's reply to where the message came from (see SlackReplyTo). */
export const deliverSlackReply = async (
  deps: SlackReplyDeps,
  job: { userId: string; replyTo: Record<string, string> },
  reply: Reply,
): Promise<void> => {
  const to: SlackReplyTo = ReplyToSchema.parse(job.replyTo);
  const blocks = replyBlocks(reply);
  const text = reply.text.slice(0, 3_000);
  if (to.mode === 'ephemeral' && to.responseUrl) {
    if (!isSlackResponseUrl(to.responseUrl, deps.config))
      throw new AppError('BAD_REQUEST', 'That response URL is not Slack.');
    const res = await fetch(to.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response_type: 'ephemeral',
        replace_original: Boolean(to.cardTs),
        text,
        blocks,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new AppError('UNAVAILABLE', `Slack answered ${res.status}.`, { retryable: true });
  } else {
    const client = await deps.clients.forTeam(to.team);
    if (to.mode === 'card' && to.cardTs) {
      await client.chat.update({ channel: to.channel, ts: to.cardTs, text, blocks });
    } else if (to.mode === 'dm') {
      await client.chat.postMessage({
        channel: to.channel,
        text,
        blocks,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      });
    } else {
      // A mention in a shared channel: the answer may name the person's tasks, so only they see it.
      await client.chat.postEphemeral({
        channel: to.channel,
        user: to.user,
        text,
        blocks,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      });
    }
  }
  const about = taskOfReply(reply);
  if (about) await deps.focus.remember(to.team, to.user, about);
  await deps.afterReply(job.userId, to.team, to.user);
};

/**
 * Reminders and check-ins by DM (`ChannelSender`). Quiet hours and the nudge cap are the scheduler's; a 429 is
 * waited out by the client; a person who left the workspace or blocked the app fails as `UNREACHABLE`, so delivery
 * moves on to their next channel.
 */
export const createSlackSender = (clients: SlackClients, focus: ProofFocus): ChannelSender => ({
  channel: 'slack',
  needsAddress: true,
  send: async (to, message, idempotencyKey) => {
    const [team = '', user = ''] = (to.address ?? '').split(':');
    if (!team || !user) throw new AppError('VALIDATION_FAILED', 'Not a Slack address.');
    try {
      const client = await clients.forTeam(team);
      await client.chat.postMessage({
        channel: user,
        text: `${message.title}\n${message.text}`,
        blocks: notificationBlocks(message, idempotencyKey),
      });
      // A photo sent in answer to a reminder proves its task; a lost note only means asking which task.
      if (message.taskId) await focus.remember(team, user, message.taskId).catch(() => undefined);
    } catch (error) {
      const code = slackErrorCode(error);
      const isUninstalled = error instanceof AppError && error.code === 'UNAVAILABLE';
      if ((code && UNREACHABLE_ERRORS.has(code)) || isUninstalled)
        throw new AppError('UNAVAILABLE', 'This person cannot be reached on Slack.', {
          cause: error,
          retryable: false,
          details: { channelUnreachable: true },
        });
      throw error;
    }
  },
});
