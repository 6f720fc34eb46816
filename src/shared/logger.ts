import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const redactedPaths = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'mongodbUri',
  'redisUrl',
  'config.mongodbUri',
  'config.redisUrl',
];

/** JSON logs to stderr: stdout belongs to the MCP stdio transport. */
export const createLogger = (
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger =>
  pino(
    {
      level,
      base: { service: 'focusforge' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );

/** Replaces the password in a connection string, for messages that name a server. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
