import type { KnownEventFromType } from '@slack/bolt';
import { z } from 'zod';
import { SlackFileSchema, type SlackFile } from './slack-proof.js';

// Which Slack events are messages for us, read into one shape whichever event carried them.

export type SlackMessage = {
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

/** The envelope around an event: the team it came from and the event's id (Slack's retries repeat it). */
export type SlackEnvelope = { team_id: string; event_id: string | undefined };

/**
 * A plain message, or one with files (a photo as proof), in a DM or mentioning the bot; null for what is not for us:
 * edits, joins, bots' messages, and channel messages that do not mention the bot.
 */
export const messageFromEvent = (
  event: KnownEventFromType<'message'>,
  body: SlackEnvelope,
  botUserId: string | undefined,
): SlackMessage | null => {
  const isFileShare = event.subtype === 'file_share';
  if (
    (event.subtype !== undefined && !isFileShare) ||
    !('user' in event) ||
    !event.user ||
    ('bot_id' in event && event.bot_id)
  )
    return null;
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
  const mentionsBot = botUserId ? text.includes(`<@${botUserId}>`) : false;
  if (!isDm && !mentionsBot) return null; // a channel message not meant for us
  return {
    teamId: body.team_id,
    eventId: body.event_id,
    channel: event.channel,
    user: event.user,
    text,
    ts: event.ts,
    threadTs: event.thread_ts,
    isDm,
    files,
  };
};

/** A mention of the bot in a channel; null when Slack sent no user. */
export const messageFromMention = (
  event: KnownEventFromType<'app_mention'>,
  body: SlackEnvelope,
): SlackMessage | null => {
  if (!event.user) return null;
  return {
    teamId: body.team_id,
    eventId: body.event_id,
    channel: event.channel,
    user: event.user,
    text: event.text,
    ts: event.ts,
    threadTs: event.thread_ts,
    isDm: false,
    files: [],
  };
};
