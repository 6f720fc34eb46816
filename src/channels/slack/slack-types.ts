import type { IncomingMessage } from '../../planner/conversation-types.js';

/**
 * Where a queued turn's answer goes. `dm`: post in the DM (in its thread, if any); `thread`: a mention in a shared
 * channel, answered in its thread but only to the person (never their tasks in public); `ephemeral`: a slash
 * command or a button on an ephemeral message, answered through its response URL; `card`: a button press, the
 * card updated in place.
 */
export type SlackReplyTo = {
  team: string;
  channel: string;
  user: string;
  mode: 'dm' | 'thread' | 'ephemeral' | 'card';
  threadTs?: string;
  cardTs?: string;
  responseUrl?: string;
};

/** The inbound queue as the Slack adapter uses it (the channel contract's `InboundQueue`). */
export type SlackInboundJob = {
  channel: 'slack';
  userId: string;
  threadId: string;
  messageId: string;
  message: IncomingMessage;
  replyTo: Record<string, string>;
  receivedAt: string;
};
export type SlackInbound = { enqueue: (job: SlackInboundJob) => Promise<'queued' | 'duplicate'> };
