/** Channels: the contract each one follows, the registry of configured ones, and the inbound queue. */
export {
  ChannelSchema,
  InboundJobSchema,
  type Channel,
  type ChannelAdapter,
  type ChannelBudget,
  type ChannelEnv,
  type ChannelSender,
  type InboundJob,
  type Recipient,
} from './contract.js';
export { CHANNEL_BUDGETS } from './budgets.js';
export { createChannelRegistry, type ChannelRegistry } from './registry.js';
export {
  createInboundQueue,
  type EnqueueOutcome,
  type InboundQueue,
  type InboundQueueDeps,
} from './inbound-queue.js';
export { inboundIndexes } from './inbound-receipts.js';
export { channelAccountParts } from './account-parts.js';
// The web channel's inbox and rate limiter, which HTTP routes share.
export { InboxItemSchema, type RateLimiter, type WebInbox } from './web/index.js';
export {
  createRateLimiter,
  createInboxSubscriber,
  createWebChannel,
  createInboxPublisher,
  createWebInbox,
  inboxIndexes,
  sweepSilentAnonymousAccounts,
} from './web/index.js';
export { createSlackAdapter, slackIndexes } from './slack/index.js';
export { createSmsChannel, smsIndexes } from './sms/index.js';
export { createEmailSender } from './email/email-sender.js';
