import type { Channel } from '../users/user-schemas.js';
import type { OutboundMessage } from './notification-schemas.js';

/** Where a message goes: the user, and the address on that channel when the channel needs one. */
export type Recipient = { userId: string; name: string; address: string | null };

/**
 * One outbound channel (web inbox, email, SMS, Slack). `idempotencyKey` is stable across retries of the same
 * occurrence; a channel that can deduplicate on it (our web inbox, providers with idempotency keys) makes delivery
 * exactly-once even when a worker dies between sending and recording.
 */
export type ChannelSender = {
  channel: Channel;
  /** True when this channel needs an address (a linked phone, Slack account or email) to reach the person. */
  needsAddress: boolean;
  /** False when the address must not be used now (an SMS number that texted STOP): the next channel is tried. */
  canReach?: (address: string) => Promise<boolean>;
  send: (to: Recipient, message: OutboundMessage, idempotencyKey: string) => Promise<void>;
};
