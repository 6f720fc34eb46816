import {
  createInboxSubscriber,
  createSlackAdapter,
  createSmsChannel,
  createWebChannel,
  type ChannelRegistry,
  type InboundQueue,
  type WebInbox,
} from '../channels/index.js';
import type { AccountService, Domain } from '../domain/index.js';
import type { PlannerConversations } from '../planner/index.js';
import { connectRedis } from '../redis.js';
import { publicBaseUrl, type Root } from './root.js';

/** Slack and SMS, when configured: they acknowledge first and hand their turns to the inbound queue. */
export const registerQueuedChannels = (
  { config, logger, database, redis }: Root,
  parts: { channels: ChannelRegistry; domain: Domain; account: AccountService; inbound: InboundQueue },
) => {
  const { channels, domain, account, inbound } = parts;
  if (config.slack)
    channels.register(
      createSlackAdapter({
        config: config.slack,
        db: database.db,
        domain,
        account,
        redis,
        prefix: config.jobs.prefix,
        logger,
        inbound,
        publicUrl: publicBaseUrl(config),
        proofImageMaxBytes: config.proofImages.maxBytes,
      }),
    );
  if (config.sms)
    channels.register(
      createSmsChannel({
        config: config.sms,
        db: database.db,
        domain,
        account,
        logger,
        publicBaseUrl: publicBaseUrl(config),
        proofImageMaxBytes: config.proofImages.maxBytes,
        redis,
        redisPrefix: config.jobs.prefix,
        enqueue: (job) => inbound.enqueue(job),
      }).adapter,
    );
};

/** The web chat's live notifications: its own Redis connection, since a subscribed client can do nothing else. */
export const createChatEvents = ({ config, redisUrl }: Root, onInboxError: (error: Error) => void) =>
  createInboxSubscriber(
    () => connectRedis(redisUrl, 'focusforge-chat-events', config.timeouts.redisMs),
    config.jobs.prefix,
    onInboxError,
  );

/** The web chat (widget, demo page, `/chat/*`), always present. */
export const registerWebChannel = (
  { config, logger, redis }: Root,
  parts: {
    channels: ChannelRegistry;
    conversations: PlannerConversations;
    chatEvents: ReturnType<typeof createChatEvents>;
    widgetSecret: string;
    domain: Domain;
    inbox: WebInbox;
    account: AccountService;
  },
) => {
  const chat = {
    conversations: parts.conversations,
    redis,
    subscriber: parts.chatEvents,
    prefix: config.jobs.prefix,
    secret: parts.widgetSecret,
    allowedOrigins: config.chat.allowedOrigins,
    messagesPerMinute: config.chat.messagesPerMinute,
    requestsPerMinutePerIp: config.chat.requestsPerMinutePerIp,
    trustedProxies: config.trustProxyHops,
    anonymousSessionsPerMinute: config.chat.anonymousSessionsPerMinute,
    eventStreamsPerUser: config.chat.eventStreamsPerUser,
    operatorMaxAgeSeconds: config.chat.operatorMaxAgeSeconds,
  };
  const listen = { host: config.host, port: config.port };
  const { domain, inbox, account } = parts;
  const webRoutes = { ...chat, domain, inbox, logger, publicUrl: config.publicUrl, listen, account };
  parts.channels.register(createWebChannel({ inbox, routes: webRoutes }));
};
