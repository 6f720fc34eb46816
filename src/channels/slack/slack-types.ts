import type { InboundQueue } from '../inbound-queue.js';

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

/** The inbound queue as the Slack adapter uses it. */
export type SlackInbound = Pick<InboundQueue, 'enqueue'>;
