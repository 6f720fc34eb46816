import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalUrl(['mongodb://', 'mongodb+srv://']),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only (at most 60)')
    .default('focusforge'),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  DATA_DIR: z.string().min(1).default('.data'),
  FERRETDB_BIN: z.string().min(1).optional(),
  REDIS_SERVER_BIN: z.string().min(1).default('redis-server'),
  API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  FOCUSFORGE_TOKEN: z.string().min(1).optional(),
});

/** Everything the process may read from its environment, validated once. */
export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: string;
  /** Unset: start a local FerretDB (see src/dev/local-services.ts). */
  mongodbUri: string | undefined;
  mongodbDb: string;
  /** Unset: start a local redis-server. */
  redisUrl: string | undefined;
  dataDir: string;
  ferretdbBin: string;
  redisServerBin: string;
  apiBodyLimitBytes: number;
  /** The token `focusforge mcp` acts with. */
  token: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

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
    logLevel: e.LOG_LEVEL,
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.MONGODB_DB,
    redisUrl: e.REDIS_URL,
    dataDir: resolve(e.DATA_DIR),
    ferretdbBin: e.FERRETDB_BIN ?? join(cacheHome, 'focusforge', 'bin', 'ferretdb'),
    redisServerBin: e.REDIS_SERVER_BIN,
    apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    token: e.FOCUSFORGE_TOKEN,
  };
};
