import type { Env } from './env-schema.js';

/** The embeddable web chat (see docs/web-chat.md). */
export type ChatConfig = {
  /** Signs widget tokens and verifies operator identities; unset: generated once and kept in DATA_DIR. A secret. */
  widgetSecret: string | undefined;
  /** Origins whose pages may embed the widget (`*` = any); the server's own origin is always allowed. */
  allowedOrigins: string[];
  /** Chat messages per person per minute. */
  messagesPerMinute: number;
  /** Chat requests (sessions, messages, history) per client IP per minute. */
  requestsPerMinutePerIp: number;
  /** New anonymous accounts per minute across all clients; refused (503) while Redis cannot count them. */
  anonymousSessionsPerMinute: number;
  /** Open `/chat/events` streams per person on one node; one more gets 429. */
  eventStreamsPerUser: number;
  /** Anonymous accounts that never sent a message are deleted this long after they were made. */
  anonymousIdleHours: number;
  /** Oldest operator signature accepted (HMAC `ts`; JWT `iat` to `exp`); caps operator sessions too. */
  operatorMaxAgeSeconds: number;
};

/** The web chat section; without CHAT_ALLOWED_ORIGINS only PUBLIC_URL's own origin may embed the widget. */
export const chatConfigFrom = (e: Env): ChatConfig => ({
  widgetSecret: e.WIDGET_SECRET,
  allowedOrigins:
    e.CHAT_ALLOWED_ORIGINS.length > 0
      ? e.CHAT_ALLOWED_ORIGINS
      : e.PUBLIC_URL
        ? [new URL(e.PUBLIC_URL).origin]
        : [],
  messagesPerMinute: e.CHAT_RATE_LIMIT_MESSAGES,
  requestsPerMinutePerIp: e.CHAT_RATE_LIMIT_IP,
  operatorMaxAgeSeconds: e.WIDGET_OPERATOR_MAX_AGE_SECONDS,
  anonymousSessionsPerMinute: e.CHAT_ANON_SESSIONS_PER_MINUTE,
  eventStreamsPerUser: e.CHAT_EVENT_STREAMS_PER_USER,
  anonymousIdleHours: e.CHAT_ANON_IDLE_HOURS,
});

/** Proof photos: stored once outside conversation state, capped per image and per person (docs/web-chat.md). */
export type ProofImageConfig = {
  maxBytes: number;
  quotaCount: number;
  quotaBytes: number;
  /** How long a photo used as proof is kept; an upload no proof used goes after an hour. */
  retentionDays: number;
  /** Hosts whose https image links validate_proof may pass to the model; empty: uploaded photos only. */
  urlHosts: string[];
};

export const proofImageConfigFrom = (e: Env): ProofImageConfig => ({
  maxBytes: e.PROOF_IMAGE_MAX_BYTES,
  quotaCount: e.PROOF_IMAGE_QUOTA_COUNT,
  quotaBytes: e.PROOF_IMAGE_QUOTA_BYTES,
  retentionDays: e.PROOF_IMAGE_RETENTION_DAYS,
  urlHosts: e.PROOF_IMAGE_URL_HOSTS,
});

export type OAuthConfig = {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  registrationsPerHour: number;
  secret?: string;
};

/** OAuth sign-in for MCP clients, on unless OAUTH_ENABLED=false; OAUTH_SECRET only when set. */
export const oauthConfigFrom = (e: Env): OAuthConfig | undefined =>
  e.OAUTH_ENABLED === 'true'
    ? {
        accessTokenTtlSeconds: e.OAUTH_ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlDays: e.OAUTH_REFRESH_TOKEN_TTL_DAYS,
        registrationsPerHour: e.OAUTH_REGISTRATIONS_PER_HOUR,
        ...(e.OAUTH_SECRET ? { secret: e.OAUTH_SECRET } : {}),
      }
    : undefined;

/** Loopback names a local MCP client may use; PUBLIC_URL's hostname is added to them. */
const localHostnames = ['localhost', '127.0.0.1', '[::1]'];

/** MCP_ALLOWED_HOSTS / _ORIGINS, or when unset the loopback names plus PUBLIC_URL's hostname. */
export const withDefaultHosts = (configured: string[], publicUrl: string | undefined): string[] => {
  if (configured.length > 0) return configured;
  const hosts = [...localHostnames];
  if (publicUrl) hosts.push(new URL(publicUrl).hostname.toLowerCase());
  return [...new Set(hosts)];
};
