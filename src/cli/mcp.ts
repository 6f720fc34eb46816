import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Config } from '../config.js';
import { resolveApiToken } from '../domain/index.js';
import { createDeps } from '../main.js';
import { AppError } from '../shared/index.js';
import { createFocusForgeServer } from '../tools/index.js';

/**
 * `focusforge mcp`: serves the tool registry over stdio (both protocol eras) as the person whose API token is in
 * FOCUSFORGE_TOKEN. stdout carries protocol messages only; logs go to stderr. Resolves once serving; the process
 * exits when the client closes stdin or on SIGINT/SIGTERM.
 */
export const runMcpCommand = async (config: Config): Promise<void> => {
  if (!config.token) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Set FOCUSFORGE_TOKEN to your API token (create one with `focusforge tokens create --user USER_ID`).',
    );
  }
  const deps = await createDeps(config);
  const resolved = await resolveApiToken(deps.domain, config.token).catch(async (error: unknown) => {
    await deps.close();
    throw error;
  });
  if (!resolved) {
    await deps.close();
    throw new AppError(
      'UNAUTHENTICATED',
      'FOCUSFORGE_TOKEN is not a valid token: it may be mistyped or revoked.',
    );
  }

  const logger = deps.logger.child({ edge: 'mcp-stdio', userId: resolved.userId });
  const handle = serveStdio(
    () =>
      createFocusForgeServer({
        actor: { userId: resolved.userId, via: 'mcp' },
        domain: deps.domain,
        agents: deps.agents,
        memory: deps.memory,
        // Queues only: check-backs and snoozes wait in Redis for a worker (`focusforge worker` or a serving node).
        scheduler: deps.jobs.scheduler,
        logger,
      }),
    { onerror: (error) => logger.warn({ err: error.message }, 'mcp stdio problem') },
  );
  logger.info('serving MCP over stdio');

  let isClosing = false;
  const shutdown = (reason: string) => {
    if (isClosing) return;
    isClosing = true;
    logger.info({ reason }, 'mcp stdio stopping');
    void handle
      .close()
      .catch(() => undefined) // the client is gone either way
      .then(() => deps.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.stdin.once('end', () => shutdown('stdin closed'));
  process.stdin.once('close', () => shutdown('stdin closed'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
};
