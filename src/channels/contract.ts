import type { Hono } from 'hono';
import { z } from 'zod';
import type { Channel, ChannelSender } from '../domain/index.js';
import { ConverseInputSchema, type Reply, type ReplyBudget } from '../planner/index.js';
import type { Logger } from '../shared/index.js';

// The contract every channel (web, email, SMS, Slack...) implements. A channel translates and hands off: it verifies
// what arrives, normalizes it to the planner's ConverseInput, hands it to the planner (directly when it can stream,
// through the inbound queue when it must acknowledge fast), renders replies for its medium and sends outbound messages.
// No planning logic lives in a channel.

export { ChannelSchema, type Channel, type ChannelSender, type Recipient } from '../domain/index.js';

/** What the HTTP app sets on every request a channel's routes see. */
export type ChannelEnv = { Variables: { requestId: string; logger: Logger } };

/** How much room a channel's medium has: the planner streams and fits its reply within it. */
export type ChannelBudget = ReplyBudget;

/**
 * A message a channel acknowledged and queued (src/channels/inbound-queue.ts); a worker runs its turn and hands the
 * reply to the channel's `deliverReply`. Everything a worker on any node needs, as plain JSON.
 */
export const InboundJobSchema = ConverseInputSchema.extend({
  /** The channel's address for the answer: phone numbers, a Slack team/channel/thread... (the channel's own keys). */
  replyTo: z.record(z.string().max(64), z.string().max(512)),
  receivedAt: z.iso.datetime(),
});
export type InboundJob = z.infer<typeof InboundJobSchema>;

/** One channel. Registered once in the composition root (src/main.ts) when it is configured. */
export type ChannelAdapter = {
  channel: Channel;
  /** Webhooks and pages, mounted by the HTTP app at '/': use full paths such as `/webhooks/twilio/sms`. */
  routes?: Hono<ChannelEnv>;
  /** Outbound messages (reminders, check-ins, escalations). */
  sender?: ChannelSender;
  /**
   * Sends the reply of a queued turn to `job.replyTo`. May be called again for the same job after a crash; `reply.id`
   * is stable across those calls, so pass it to the provider as an idempotency key where the provider takes one.
   * Throw an AppError with `retryable: false` when retrying cannot help (the number opted out): the job stops.
   */
  deliverReply?: (job: InboundJob, reply: Reply) => Promise<void>;
  budget: ChannelBudget;
};
