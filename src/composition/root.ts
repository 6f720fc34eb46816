import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Clock, Database, Logger } from '../shared/index.js';

/** What every part of the composition root reads: the settings, the clock and log, and the connected stores. */
export type Root = {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  redis: Redis;
  /** The Redis URL itself, for the parts that open connections of their own (workers, subscribers). */
  redisUrl: string;
};

/** This server's own base URL when PUBLIC_URL is unset (never a request's Host header). */
export const publicBaseUrl = (config: Config): string =>
  config.publicUrl ?? `http://${config.host}:${config.port}`;
