import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './config/config-error.js';
import { ConfigSchema } from './config/env-schema.js';
import { jobsConfigFrom, type JobsConfig } from './config/jobs.js';
import { embeddingsConfigFrom, llmConfigFrom, type EmbeddingsConfig, type LlmConfig } from './config/llm.js';
import { slackConfigFrom, smsConfigFrom, type SlackConfig, type SmsConfig } from './config/messaging.js';
import {
  chatConfigFrom,
  oauthConfigFrom,
  proofImageConfigFrom,
  withDefaultHosts,
  type ChatConfig,
  type OAuthConfig,
  type ProofImageConfig,
} from './config/web.js';

// The sections live in src/config/; this file assembles them and is the one place the rest of the code imports.
export { ConfigError } from './config/config-error.js';
export type { JobsConfig } from './config/jobs.js';
export { LLM_PURPOSES, type EmbeddingsConfig, type LlmConfig, type LlmPurpose } from './config/llm.js';
export type { SlackConfig, SmsConfig } from './config/messaging.js';
export type { ChatConfig, OAuthConfig, ProofImageConfig } from './config/web.js';
export type { LlmPrice } from './config-values.js';

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
    jobs: jobsConfigFrom(e),
    email: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM } : undefined,
    chat: chatConfigFrom(e),
    proofImages: proofImageConfigFrom(e),
    timeouts: { mongodbMs: e.MONGODB_TIMEOUT_MS, redisMs: e.REDIS_TIMEOUT_MS },
    crisisResources: e.CRISIS_RESOURCES,
    slack: slackConfigFrom(e),
    sms: smsConfigFrom(e),
    oauth: oauthConfigFrom(e),
  };
};
