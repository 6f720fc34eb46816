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
} from '../config-values.js';

// One schema for the whole environment, so a ConfigError names every bad variable at once, in this order.
export const ConfigSchema = z.object({
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

/** The validated environment every section of the configuration is built from. */
export type Env = z.output<typeof ConfigSchema>;
