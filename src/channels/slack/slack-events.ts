import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Redis } from 'ioredis';
import { tokenRequestIn } from '../../agents/index.js';
import type { LinkDeps } from '../../domain/account/index.js';
import type { Domain } from '../../domain/deps.js';
import type { IncomingMessage } from '../../planner/conversation-types.js';
import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { WHAT_NOW_ACTION } from './app-home.js';
import { ACTION_PREFIX, ButtonValueSchema } from './blocks.js';
import type { SlackClients } from './slack-clients.js';
import { linkCodeIn, linkSlackUser, resolveSlackUser, slackAddress } from './slack-identity.js';
import { fetchSlackPhoto, photoIn, SlackFileSchema, type ProofFocus, type SlackFile } from './slack-proof.js';
import type { SlackInbound, SlackReplyTo } from './slack-types.js';
import type { SlackWorkspaces } from './workspaces.js';

const NO_TOKENS_IN_SLACK =
  "For your safety I don't post API tokens in Slack. Open the web chat and say: give me a token for Claude";

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

const SEEN_SECONDS = 86_400;
const MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

/** What `/focus ...` means to the planner. */
export const slashText = (text: string): string => {
  const t = text.trim();
  if (t === '' || /^now$/i.test(t)) return 'what now?';
  if (/^plan$/i.test(t)) return 'plan my day';
  if (/^add\s+/i.test(t)) return `add ${t.replace(/^add\s+/i, '')}`;
  return t;
};

type SlackMessage = {
  teamId: string;
  eventId: string | undefined;
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
  isDm: boolean;
  /** Files shared with the message (DMs only): a photo is proof for the task in focus. */
  files: SlackFile[];
};

const PHOTO_ONLY = 'I can only take photos (JPEG, PNG, GIF or WebP) as proof.';
const WHICH_TASK =
  'Thanks for the photo! Which task does it prove? Ask me "what now?" or press a button on a task, then send it again.';
const TOO_LARGE = 'That photo is too large for me. Could you send a smaller one?';
const UNREADABLE = "I couldn't open that photo. Could you send it again (JPEG, PNG, GIF or WebP)?";

/** Events, slash commands and buttons: verify who it is, then queue the turn; the reply comes from the worker. */
export const registerSlackListeners = (bolt: App, deps: SlackEventDeps): void => {
  /** True the first time a key is seen (across nodes, for a day): retries and event pairs stop here. */
  const firstTime = async (key: string) =>
    (await deps.redis.set(`${deps.prefix}:slack:seen:${key}`, '1', 'EX', SEEN_SECONDS, 'NX')) === 'OK';
  const forget = (key: string) => deps.redis.del(`${deps.prefix}:slack:seen:${key}`);

  const enqueue = async (
    teamId: string,
    slackUserId: string,
    threadId: string,
    messageId: string,
    message: IncomingMessage,
    replyTo: SlackReplyTo,
  ) => {
    const person = { teamId, slackUserId };
    const client = await deps.clients.forTeam(teamId);
    const userId = await resolveSlackUser(deps.domain, client, person);
    return deps.inbound.enqueue({
      channel: 'slack',
      userId,
      threadId,
      messageId,
      message,
      replyTo: { ...replyTo },
      receivedAt: deps.domain.clock.now().toISOString(),
    });
  };

  /** A photo in the DM: fetched with the bot token, checked, and sent to the planner as proof for the task in focus. */
  const proofMessage = async (m: SlackMessage, caption: string): Promise<IncomingMessage | null> => {
    const client = await deps.clients.forTeam(m.teamId);
    const say = async (text: string) => {
      await client.chat.postMessage({
        channel: m.channel,
        text,
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      });
      return null;
    };
    const photo = photoIn(m.files);
    if (!photo) return say(PHOTO_ONLY);
    const taskId = await deps.focus.current(m.teamId, m.user);
    if (!taskId) return say(WHICH_TASK);
    try {
      const imageDataUrl = await fetchSlackPhoto(photo, {
        token: client.token ?? '',
        apiUrl: deps.apiUrl,
        maxBytes: deps.proofImageMaxBytes,
      });
      return { proof: { taskId, ...(caption ? { text: caption } : {}), imageDataUrl } };
    } catch (error) {
      deps.logger.info({ err: (error as Error).message, fileId: photo.id }, 'slack proof photo refused');
      return say(isAppError(error) && error.code === 'PAYLOAD_TOO_LARGE' ? TOO_LARGE : UNREADABLE);
    }
  };

  const handleMessage = async (m: SlackMessage) => {
    // app_mention and message.channels carry the same message under two event ids: channel + ts is the one key.
    const messageKey = `${m.teamId}:${m.channel}:${m.ts}`;
    if (m.eventId && !(await firstTime(`evt:${m.eventId}`))) return;
    if (!(await firstTime(`msg:${messageKey}`))) return;
    try {
      const text = m.text.replace(MENTION, '').trim();
      if (tokenRequestIn(text)) {
        // Slack keeps every message in the workspace's history: a token would stay readable there.
        const client = await deps.clients.forTeam(m.teamId);
        await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: NO_TOKENS_IN_SLACK });
        return;
      }
      const code = linkCodeIn(text);
      if (code) {
        const answer = await linkSlackUser(deps.account, { teamId: m.teamId, slackUserId: m.user }, code);
        const client = await deps.clients.forTeam(m.teamId);
        await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: answer });
        return;
      }
      const proof = m.isDm && m.files.length > 0 ? await proofMessage(m, text.slice(0, 4_000)) : undefined;
      if (proof === null || (!proof && !text)) return;
      const threadTs = m.isDm ? m.threadTs : (m.threadTs ?? m.ts);
      const threadId = threadTs ? `${m.channel}:${threadTs}` : m.channel;
      await enqueue(m.teamId, m.user, threadId, messageKey, proof ?? { text: text.slice(0, 4_000) }, {
        team: m.teamId,
        channel: m.channel,
        user: m.user,
        mode: m.isDm ? 'dm' : 'thread',
        threadTs: threadTs ?? '',
      });
    } catch (error) {
      // Nothing was queued: let Slack's retry try again.
      await forget(`msg:${messageKey}`);
      if (m.eventId) await forget(`evt:${m.eventId}`);
      throw error;
    }
  };

  bolt.event('message', async ({ event, body, context }) => {
    // A plain message, or one with files (a photo as proof); edits, joins and bots' messages are not for us.
    const isFileShare = event.subtype === 'file_share';
    if (
      (event.subtype !== undefined && !isFileShare) ||
      !('user' in event) ||
      !event.user ||
      ('bot_id' in event && event.bot_id)
    )
      return;
    const isDm = event.channel_type === 'im';
    const files =
      isFileShare && isDm
        ? z
            .array(SlackFileSchema)
            .max(20)
            .catch([])
            .parse(event.files ?? [])
        : [];
    const text = event.text ?? '';
    const mentionsBot = context.botUserId ? text.includes(`<@${context.botUserId}>`) : false;
    if (!isDm && !mentionsBot) return; // a channel message not meant for us
    await handleMessage({
      teamId: body.team_id,
      eventId: body.event_id,
      channel: event.channel,
      user: event.user,
      text,
      ts: event.ts,
      threadTs: event.thread_ts,
      isDm,
      files,
    });
  });

  bolt.event('app_mention', async ({ event, body }) => {
    if (!event.user) return;
    await handleMessage({
      teamId: body.team_id,
      eventId: body.event_id,
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      threadTs: event.thread_ts,
      isDm: false,
      files: [],
    });
  });

  bolt.command('/focus', async ({ command, ack }) => {
    const messageId = `cmd:${command.team_id}:${command.trigger_id}`;
    if (!(await firstTime(messageId))) {
      await ack();
      return;
    }
    await enqueue(
      command.team_id,
      command.user_id,
      `slash:${command.channel_id}`,
      messageId,
      {
        text: slashText(command.text).slice(0, 4_000),
      },
      {
        team: command.team_id,
        channel: command.channel_id,
        user: command.user_id,
        mode: 'ephemeral',
        responseUrl: command.response_url,
      },
    );
    await ack({ response_type: 'ephemeral', text: 'On it…' });
  });

  bolt.action(new RegExp(`^${ACTION_PREFIX}\\d+$`), async ({ body, action, ack }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const parsed = ButtonValueSchema.safeParse(JSON.parse(action.value ?? 'null'));
    const teamId = body.team?.id;
    const channel = body.channel?.id;
    if (!parsed.success || !teamId || !channel || !body.message) return;
    const { a, c } = parsed.data;
    const target = 'taskId' in a ? a.taskId : a.token;
    if ('taskId' in a) await deps.focus.remember(teamId, body.user.id, a.taskId);
    const cardTs = String(body.container.message_ts ?? body.message.ts);
    const isEphemeral = body.container.is_ephemeral === true;
    const threadTs = body.message.thread_ts;
    const threadId = channel.startsWith('D')
      ? threadTs
        ? `${channel}:${threadTs}`
        : channel
      : `${channel}:${threadTs ?? cardTs}`;
    await enqueue(
      teamId,
      body.user.id,
      threadId,
      `btn:${c}:${a.type}:${target}`.slice(0, 128),
      { action: a },
      {
        team: teamId,
        channel,
        user: body.user.id,
        mode: isEphemeral ? 'ephemeral' : 'card',
        cardTs,
        ...(isEphemeral ? { responseUrl: body.response_url } : {}),
      },
    );
  });

  bolt.action(WHAT_NOW_ACTION, async ({ body, ack }) => {
    await ack();
    const teamId = body.team?.id;
    if (!teamId || body.type !== 'block_actions') return;
    const client = await deps.clients.forTeam(teamId);
    const dm = await client.conversations.open({ users: body.user.id });
    const channel = dm.channel?.id;
    if (!channel) return;
    const messageId = `home:${teamId}:${body.user.id}:${body.actions[0]?.action_ts ?? ''}`;
    await enqueue(
      teamId,
      body.user.id,
      channel,
      messageId,
      { text: 'what now?' },
      {
        team: teamId,
        channel,
        user: body.user.id,
        mode: 'dm',
        threadTs: '',
      },
    );
  });

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

export { slackAddress };
