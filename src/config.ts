import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  crisisResourceMap,
  hostnameList,
  optionalText,
  optionalUrl,
  originList,
  phoneNumberList,
  plannerMcpServerList,
  port,
  priceList,
  type LlmPrice,
} from './config-values.js';

/** The chains (and the planner) that may each use their own model, e.g. LLM_MODEL_PROOF for a vision model. */
export const LLM_PURPOSES = ['breakdown', 'analysis', 'motivation', 'proof', 'plan_day', 'planner'] as const;
export type LlmPurpose = (typeof LLM_PURPOSES)[number];

export type { LlmPrice } from './config-values.js';

/** Loopback names a local MCP client may use; PUBLIC_URL's hostname is added to them. */
const localHostnames = ['localhost', '127.0.0.1', '[::1]'];

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  /** The bearer token /metrics asks for; unset, /metrics is off (its numbers describe everyone's use). */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (docs/operations.md). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalUrl(['mongodb://', 'mongodb+srv://']),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only (at most 60)')
    .default('focusforge'),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  DATA_DIR: z.string().min(1).default('.data'),
  FERRETDB_BIN: z.string().min(1).optional(),
  // The local FerretDB's store (docs/decisions/0013-embedded-database.md)
  FERRETDB_BACKEND: z.enum(['postgresql', 'sqlite']).default('postgresql'),
  POSTGRES_BIN_DIR: z.string().min(1).optional(),
  REDIS_SERVER_BIN: z.string().min(1).default('redis-server'),
  API_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(64 * 1024),
  FOCUSFORGE_TOKEN: z.string().min(1).optional(),
  MCP_ALLOWED_HOSTS: hostnameList,
  MCP_ALLOWED_ORIGINS: hostnameList,
  PLANNER_MCP_SERVERS: plannerMcpServerList,
  LLM_BASE_URL: optionalUrl(['http://', 'https://']),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_MODEL_BREAKDOWN: optionalText,
  LLM_MODEL_ANALYSIS: optionalText,
  LLM_MODEL_MOTIVATION: optionalText,
  LLM_MODEL_PROOF: optionalText,
  LLM_MODEL_PLAN_DAY: optionalText,
  LLM_MODEL_PLANNER: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(6).default(2),
  LLM_STRUCTURED_OUTPUT: z
    .enum(['auto', 'json_schema', 'tool_calling', 'json_object', 'prompt'])
    .default('auto'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).optional(),
  LLM_PRICE_INPUT_PER_1K: z.coerce.number().min(0).default(0),
  LLM_PRICE_OUTPUT_PER_1K: z.coerce.number().min(0).default(0),
  LLM_PRICES: priceList,
  EMBEDDINGS_BASE_URL: optionalUrl(['http://', 'https://']),
  EMBEDDINGS_API_KEY: optionalText,
  EMBEDDINGS_MODEL: optionalText,
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(16).max(4096).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  EMBEDDINGS_MAX_RETRIES: z.coerce.number().int().min(0).max(6).default(2),
  MEMORY_INDEX_DIR: z.string().min(1).optional(),
  RUN_WORKERS: z.enum(['true', 'false']).default('true'),
  JOBS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
    .default('focusforge'),
  JOBS_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  JOBS_SCAN_EVERY_MS: z.coerce.number().int().min(200).max(600_000).default(5_000),
  /** The full task scan is only a safety net: task writes plan their reminders at once (onTaskWritten). */
  JOBS_TASK_SCAN_EVERY_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  REMINDER_MISSED_POLICY: z.enum(['send_now', 'skip', 'ask']).default('ask'),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  EMAIL_FROM: z.string().min(3).default('FocusForge <focusforge@localhost>'),
  WIDGET_SECRET: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  CHAT_ALLOWED_ORIGINS: originList,
  CHAT_RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(30),
  CHAT_RATE_LIMIT_IP: z.coerce.number().int().min(1).max(1_000_000).default(300),
  // Abuse bounds for anonymous chat and proof photos (docs/web-chat.md, "Limits").
  CHAT_ANON_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  CHAT_EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  CHAT_ANON_IDLE_HOURS: z.coerce.number().int().min(1).max(8_760).default(24),
  PROOF_IMAGE_MAX_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(5_000_000),
  PROOF_IMAGE_QUOTA_COUNT: z.coerce.number().int().min(1).max(10_000).default(30),
  PROOF_IMAGE_QUOTA_BYTES: z.coerce.number().int().min(1_024).max(10_000_000_000).default(60_000_000),
  PROOF_IMAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  PROOF_IMAGE_URL_HOSTS: hostnameList,
  // Issue 14 (bounded edges, expiring credentials).
  MCP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  WIDGET_OPERATOR_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  // Frozen dependencies (issue 14): how long a request waits on MongoDB / Redis before answering 503 "try again".
  MONGODB_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(3_000),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(3_000),
  CRISIS_RESOURCES: crisisResourceMap,
  // Slack (issue 18, docs/slack.md): a bot token for one workspace, or the OAuth trio for installs.
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_TOKEN_KEY: optionalText,
  SLACK_API_URL: optionalUrl(['http://', 'https://']),
  // OAuth 2.1 sign-in for MCP clients (issue 19): see docs/mcp.md
  OAUTH_ENABLED: z.enum(['true', 'false']).default('true'),
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  OAUTH_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OAUTH_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  OAUTH_SECRET: z.string().min(32, 'OAUTH_SECRET must be at least 32 characters').optional(),
  // Issue 17: the SMS channel over Twilio (docs/sms.md); off unless TWILIO_ACCOUNT_SID is set.
  TWILIO_ACCOUNT_SID: optionalText.refine((v) => v === undefined || /^AC[0-9a-fA-F]{32}$/.test(v), {
    message: 'must be your account SID: AC followed by 32 hex digits',
  }),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_API_KEY: optionalText.refine((v) => v === undefined || /^SK[0-9a-fA-F]{32}$/.test(v), {
    message: 'must be an API key SID: SK followed by 32 hex digits',
  }),
  TWILIO_API_SECRET: optionalText,
  TWILIO_PHONE_NUMBERS: phoneNumberList,
  TWILIO_MESSAGING_SERVICE_SID: optionalText.refine((v) => v === undefined || /^MG[0-9a-fA-F]{32}$/.test(v), {
    message: 'must be a Messaging Service SID: MG followed by 32 hex digits',
  }),
  TWILIO_API_BASE_URL: optionalUrl(['http://', 'https://']),
  SMS_UNKNOWN_NUMBERS: z.enum(['sign_up', 'explain']).default('explain'),
  SMS_SEGMENTS_PER_SECOND: z.coerce.number().min(0.1).max(1_000).default(1),
});

/** Everything the process may read from its environment, validated once. */
export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  /** How many reverse proxies' X-Forwarded-For entries to trust for a client's address (0: the socket's). */
  trustProxyHops: number;
  metricsToken: string | undefined;
  logLevel: string;
  /** Unset: start a local FerretDB (see src/dev/local-services.ts). */
  mongodbUri: string | undefined;
  mongodbDb: string;
  /** Unset: start a local redis-server. */
  redisUrl: string | undefined;
  dataDir: string;
  ferretdbBin: string;
  /** The local FerretDB's store, and where PostgreSQL's programs are (unset: found under /usr/lib/postgresql). */
  ferretdbBackend: 'postgresql' | 'sqlite';
  postgresBinDir: string | undefined;
  redisServerBin: string;
  /** Largest body the REST API reads (its JSON is small); /chat has its own per-route limits. */
  apiBodyLimitBytes: number;
  /** Largest body /mcp reads (validate_proof may carry a small photo as a data URL). */
  mcpBodyLimitBytes: number;
  /** The token `focusforge mcp` acts with. */
  token: string | undefined;
  /** Host header values /mcp answers (DNS rebinding protection); anything else gets 403. */
  mcpAllowedHosts: string[];
  /** Origin hostnames /mcp accepts from browsers; requests without Origin (desktop clients) always pass. */
  mcpAllowedOrigins: string[];
  /** External MCP servers the planner may use (their tools are namespaced; headers may hold secrets). */
  plannerMcpServers: { name: string; url: string; headers?: Record<string, string> | undefined }[];
  /** The OpenAI-compatible chat endpoint; `enabled: false` means the assistant runs in basic (offline) mode. */
  llm: LlmConfig;
  embeddings: EmbeddingsConfig;
  /** Per-user semantic index files: a cache, rebuilt from MongoDB whenever missing or stale. */
  memoryIndexDir: string;
  jobs: JobsConfig;
  /** Unset: no email channel. */
  email: { smtpUrl: string; from: string } | undefined;
  chat: ChatConfig;
  /** Crisis lines per country (`*`: everyone), added to or replacing the defaults (docs/safety.md). */
  crisisResources: Record<string, string[]>;
  /** Bounds of one MongoDB / Redis call on a request path; past them the caller gets UNAVAILABLE (503). */
  timeouts: { mongodbMs: number; redisMs: number };
  proofImages: ProofImageConfig;
  /** Unset: no Slack channel (`/slack/*` not mounted, `preferredChannel: "slack"` refused). */
  slack: SlackConfig | undefined;
  /** OAuth sign-in for MCP clients; unset when OAUTH_ENABLED=false. No `secret`: derived from the widget secret. */
  oauth: OAuthConfig | undefined;
  /** Unset: no SMS channel (and `/me` refuses preferredChannel "sms"). */
  sms: SmsConfig | undefined;
};

/** The Slack channel: one workspace with a bot token, or any number installed through OAuth. */
export type SlackConfig = {
  /** Verifies every request from Slack. A secret. */
  signingSecret: string;
  /** Single-workspace mode. A secret. */
  botToken: string | undefined;
  /** Install flow; bot tokens are stored encrypted with `tokenKey`. Secrets. */
  oauth: { clientId: string; clientSecret: string; stateSecret: string; tokenKey: Buffer } | undefined;
  /** The Web API base (ends with `/`); the bot token is sent only here. */
  apiUrl: string;
};

export type OAuthConfig = {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  registrationsPerHour: number;
  secret?: string;
};

/** Twilio (or a Twilio-compatible provider); secrets never reach logs or messages (docs/sms.md). */
export type SmsConfig = {
  accountSid: string;
  /** Verifies webhook signatures; also the REST credential unless an API key is set. A secret. */
  authToken: string;
  /** REST credentials preferred over the auth token when set. The secret is a secret. */
  apiKey: { sid: string; secret: string } | undefined;
  /** FocusForge's own numbers (E.164); replies go out from the number the person texted. */
  phoneNumbers: string[];
  messagingServiceSid: string | undefined;
  /** Where the REST API lives (default https://api.twilio.com); media is fetched only from this host. */
  apiBaseUrl: string;
  /** What a text from a number nobody linked gets: a new account, or a polite note on how to link. */
  unknownNumbers: 'sign_up' | 'explain';
  /** Send rate per FocusForge number (a US long code takes about 1 segment a second). */
  segmentsPerSecond: number;
};

const smsConfigFrom = (e: z.output<typeof ConfigSchema>): SmsConfig | undefined => {
  if (!e.TWILIO_ACCOUNT_SID) return undefined;
  const problems: string[] = [];
  if (!e.TWILIO_AUTH_TOKEN)
    problems.push(
      'TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID (it verifies the webhooks Twilio signs)',
    );
  if (Boolean(e.TWILIO_API_KEY) !== Boolean(e.TWILIO_API_SECRET))
    problems.push('TWILIO_API_KEY and TWILIO_API_SECRET: set both or neither');
  if (e.TWILIO_PHONE_NUMBERS.length === 0 && !e.TWILIO_MESSAGING_SERVICE_SID)
    problems.push('TWILIO_PHONE_NUMBERS: required with TWILIO_ACCOUNT_SID (e.g. +14155550123)');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN!,
    apiKey:
      e.TWILIO_API_KEY && e.TWILIO_API_SECRET
        ? { sid: e.TWILIO_API_KEY, secret: e.TWILIO_API_SECRET }
        : undefined,
    phoneNumbers: e.TWILIO_PHONE_NUMBERS,
    messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
    apiBaseUrl: (e.TWILIO_API_BASE_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    unknownNumbers: e.SMS_UNKNOWN_NUMBERS,
    segmentsPerSecond: e.SMS_SEGMENTS_PER_SECOND,
  };
};

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

/** The embeddings endpoint; without a base URL, memory uses the offline embedder (no network, no download). */
export type EmbeddingsConfig = {
  baseUrl: string | undefined;
  /** A secret: never logged, never in an error message. */
  apiKey: string | undefined;
  /** Required with a base URL, e.g. text-embedding-3-small (OpenAI) or nomic-embed-text (Ollama). */
  model: string | undefined;
  /** Asked of the endpoint when set (text-embedding-3 models can shorten); the offline embedder's size (default 256). */
  dimensions: number | undefined;
  /** Per attempt. */
  timeoutMs: number;
  maxRetries: number;
};

const embeddingsConfigFrom = (e: z.output<typeof ConfigSchema>): EmbeddingsConfig => {
  if (!e.EMBEDDINGS_BASE_URL && e.EMBEDDINGS_API_KEY) {
    throw new ConfigError([
      'EMBEDDINGS_BASE_URL: required when EMBEDDINGS_API_KEY is set (https://api.openai.com/v1 for OpenAI); without both, the offline embedder is used',
    ]);
  }
  if (e.EMBEDDINGS_BASE_URL && !e.EMBEDDINGS_MODEL) {
    throw new ConfigError([
      'EMBEDDINGS_MODEL: required when EMBEDDINGS_BASE_URL is set (e.g. text-embedding-3-small, nomic-embed-text)',
    ]);
  }
  return {
    baseUrl: e.EMBEDDINGS_BASE_URL,
    apiKey: e.EMBEDDINGS_API_KEY,
    model: e.EMBEDDINGS_MODEL,
    dimensions: e.EMBEDDINGS_DIMENSIONS,
    timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
    maxRetries: e.EMBEDDINGS_MAX_RETRIES,
  };
};

export type LlmConfig = {
  enabled: boolean;
  /** Unset with an API key: OpenAI itself. */
  baseUrl: string | undefined;
  /** A secret: never logged, never in a prompt or error message. */
  apiKey: string | undefined;
  model: string;
  /** Per-chain models; a missing entry uses `model`. */
  models: Partial<Record<LlmPurpose, string>>;
  /** The whole call: request, retries and the streamed answer (transport limits are set to outlast it). */
  timeoutMs: number;
  /** Retries of 429s (after Retry-After), 5xx and connection errors, with exponential backoff. */
  maxRetries: number;
  /** `auto` tries json_schema, then json_object, then prompted JSON, remembering what the server accepts. */
  structuredOutput: 'auto' | 'json_schema' | 'tool_calling' | 'json_object' | 'prompt';
  temperature: number | undefined;
  /** USD per 1,000 tokens; `prices[model]` overrides `defaultPrice`. */
  defaultPrice: LlmPrice;
  prices: Record<string, LlmPrice>;
};

/** The LLM section; LLM_MODEL is required with a custom LLM_BASE_URL, since no default name fits every server. */
const llmConfigFrom = (e: z.output<typeof ConfigSchema>): LlmConfig => {
  const enabled = Boolean(e.LLM_BASE_URL || e.LLM_API_KEY);
  if (enabled && e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError([
      'LLM_MODEL: required when LLM_BASE_URL is set (e.g. llama3.1 for Ollama, gpt-4o-mini for OpenAI)',
    ]);
  }
  const overrides: Record<LlmPurpose, string | undefined> = {
    breakdown: e.LLM_MODEL_BREAKDOWN,
    analysis: e.LLM_MODEL_ANALYSIS,
    motivation: e.LLM_MODEL_MOTIVATION,
    proof: e.LLM_MODEL_PROOF,
    plan_day: e.LLM_MODEL_PLAN_DAY,
    planner: e.LLM_MODEL_PLANNER,
  };
  return {
    enabled,
    baseUrl: e.LLM_BASE_URL,
    apiKey: e.LLM_API_KEY,
    model: e.LLM_MODEL ?? 'gpt-4o-mini',
    models: Object.fromEntries(Object.entries(overrides).filter(([, model]) => model !== undefined)),
    timeoutMs: e.LLM_TIMEOUT_MS,
    maxRetries: e.LLM_MAX_RETRIES,
    structuredOutput: e.LLM_STRUCTURED_OUTPUT,
    temperature: e.LLM_TEMPERATURE,
    defaultPrice: { inputPer1k: e.LLM_PRICE_INPUT_PER_1K, outputPer1k: e.LLM_PRICE_OUTPUT_PER_1K },
    prices: e.LLM_PRICES,
  };
};

export type JobsConfig = {
  /** Run the BullMQ workers inside `serve` (single node); `focusforge worker` runs them on their own. */
  runInProcess: boolean;
  prefix: string;
  lockDurationMs: number;
  concurrency: number;
  scanEveryMs: number;
  taskScanEveryMs: number;
  missedReminderPolicy: 'send_now' | 'skip' | 'ask';
  /** Bound of one queue write (producers only; workers' blocking connections wait as long as Redis needs). */
  producerTimeoutMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const withDefaultHosts = (configured: string[], publicUrl: string | undefined): string[] => {
  if (configured.length > 0) return configured;
  const hosts = [...localHostnames];
  if (publicUrl) hosts.push(new URL(publicUrl).hostname.toLowerCase());
  return [...new Set(hosts)];
};

/** The only reader of the environment. Throws a ConfigError naming every bad variable at once. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const cacheHome = env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.MONGODB_DB,
    redisUrl: e.REDIS_URL,
    dataDir: resolve(e.DATA_DIR),
    ferretdbBin: e.FERRETDB_BIN ?? join(cacheHome, 'focusforge', 'bin', 'ferretdb'),
    ferretdbBackend: e.FERRETDB_BACKEND,
    postgresBinDir: e.POSTGRES_BIN_DIR,
    redisServerBin: e.REDIS_SERVER_BIN,
    apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    mcpBodyLimitBytes: e.MCP_BODY_LIMIT_BYTES,
    token: e.FOCUSFORGE_TOKEN,
    mcpAllowedHosts: withDefaultHosts(e.MCP_ALLOWED_HOSTS, e.PUBLIC_URL),
    mcpAllowedOrigins: withDefaultHosts(e.MCP_ALLOWED_ORIGINS, e.PUBLIC_URL),
    plannerMcpServers: e.PLANNER_MCP_SERVERS,
    llm: llmConfigFrom(e),
    embeddings: embeddingsConfigFrom(e),
    memoryIndexDir: resolve(e.MEMORY_INDEX_DIR ?? join(e.DATA_DIR, 'memory-index')),
    jobs: {
      runInProcess: e.RUN_WORKERS === 'true',
      prefix: e.JOBS_PREFIX,
      lockDurationMs: e.JOBS_LOCK_MS,
      concurrency: e.JOBS_CONCURRENCY,
      scanEveryMs: e.JOBS_SCAN_EVERY_MS,
      taskScanEveryMs: e.JOBS_TASK_SCAN_EVERY_MS,
      missedReminderPolicy: e.REMINDER_MISSED_POLICY,
      producerTimeoutMs: e.REDIS_TIMEOUT_MS,
    },
    email: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM } : undefined,
    chat: {
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
    },
    proofImages: {
      maxBytes: e.PROOF_IMAGE_MAX_BYTES,
      quotaCount: e.PROOF_IMAGE_QUOTA_COUNT,
      quotaBytes: e.PROOF_IMAGE_QUOTA_BYTES,
      retentionDays: e.PROOF_IMAGE_RETENTION_DAYS,
      urlHosts: e.PROOF_IMAGE_URL_HOSTS,
    },
    timeouts: { mongodbMs: e.MONGODB_TIMEOUT_MS, redisMs: e.REDIS_TIMEOUT_MS },
    crisisResources: e.CRISIS_RESOURCES,
    slack: slackConfigFrom(e),
    sms: smsConfigFrom(e),
    oauth:
      e.OAUTH_ENABLED === 'true'
        ? {
            accessTokenTtlSeconds: e.OAUTH_ACCESS_TOKEN_TTL_SECONDS,
            refreshTokenTtlDays: e.OAUTH_REFRESH_TOKEN_TTL_DAYS,
            registrationsPerHour: e.OAUTH_REGISTRATIONS_PER_HOUR,
            ...(e.OAUTH_SECRET ? { secret: e.OAUTH_SECRET } : {}),
          }
        : undefined,
  };
};

const slackConfigFrom = (e: z.output<typeof ConfigSchema>): SlackConfig | undefined => {
  const oauthParts = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET, e.SLACK_TOKEN_KEY];
  const hasOauth = oauthParts.some((v) => v !== undefined);
  if (!e.SLACK_SIGNING_SECRET) {
    if (e.SLACK_BOT_TOKEN || hasOauth)
      throw new ConfigError([
        'SLACK_SIGNING_SECRET: required to use Slack (Basic Information in the app settings)',
      ]);
    return undefined;
  }
  const problems: string[] = [];
  if (!e.SLACK_BOT_TOKEN && !hasOauth)
    problems.push(
      'SLACK_BOT_TOKEN: required (one workspace), or SLACK_CLIENT_ID/SECRET/STATE_SECRET/TOKEN_KEY',
    );
  const tokenKey = e.SLACK_TOKEN_KEY ? Buffer.from(e.SLACK_TOKEN_KEY, 'base64') : undefined;
  if (hasOauth) {
    if (oauthParts.some((v) => v === undefined))
      problems.push(
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY: the install flow needs all four',
      );
    if (tokenKey && tokenKey.length !== 32)
      problems.push('SLACK_TOKEN_KEY: must be 32 bytes in base64 (`openssl rand -base64 32`)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return {
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    oauth:
      hasOauth && tokenKey
        ? {
            clientId: e.SLACK_CLIENT_ID ?? '',
            clientSecret: e.SLACK_CLIENT_SECRET ?? '',
            stateSecret: e.SLACK_STATE_SECRET ?? '',
            tokenKey,
          }
        : undefined,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
  };
};
