export {
  createSpokenMarker,
  sweepSilentAnonymousAccounts,
  type AnonymousAccountDeps,
} from './anonymous-accounts.js';
export { DEFAULT_THREAD, HistoryQuerySchema, parseChatRequest, type ChatRequest } from './chat-request.js';
export { inboxChoices, type InboxChoice } from './inbox-actions.js';
export {
  createInboxPublisher,
  createInboxSubscriber,
  type InboxListener,
  type InboxSubscriber,
} from './inbox-bus.js';
export { createOriginPolicy, normalizeOrigin, type OriginPolicy } from './origins.js';
export { createRateLimiter, type HitOptions, type RateLimit, type RateLimiter } from './rate-limiter.js';
export {
  StartSessionSchema,
  startWebSession,
  type StartSession,
  type WebSession,
  type WebSessionDeps,
} from './start-web-session.js';
export {
  createUiMessageEncoder,
  sseData,
  toUiMessage,
  toUiPart,
  UI_MESSAGE_STREAM_HEADERS,
  type UiChunk,
  type UiMessage,
  type UiPart,
} from './ui-message-stream.js';
export { loadWidgetSecret } from './widget-secret.js';
export { createWebChannel } from './web-channel.js';
export { webChatRoutes, type WebChatDeps, type WebRoutesDeps } from './web-routes.js';
export { createWebInbox, inboxIndexes, InboxItemSchema, type InboxItem, type WebInbox } from './web-inbox.js';
export { loadWidgetScript } from './widget-asset.js';
export {
  operatorSignature,
  signOperatorJwt,
  signWidgetToken,
  verifyOperatorHmac,
  verifyOperatorJwt,
  verifyWidgetToken,
  WidgetClaimsSchema,
  type WidgetClaims,
} from './widget-tokens.js';
