import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/hono';
import {
  bearerAuthChallengeResponse,
  createMcpHandler,
  OAuthError,
  OAuthErrorCode,
  validateOriginHeader,
  type AuthInfo,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Domain } from '../domain/deps.js';
import type { NotificationScheduler } from '../domain/notifications/notification-scheduler.js';
import { resolveApiToken } from '../domain/tokens/api-tokens.js';
import type { Agents } from '../agents/index.js';
import type { MemoryService } from '../memory/index.js';
import type { Logger } from '../shared/logger.js';
import { createFocusForgeServer } from '../tools/index.js';
import { bearerSecret } from './auth.js';
import { limitBody } from './body-limit.js';
import { selfOrigin, type ListenAddress } from './self-origin.js';
import type { AppEnv } from './context.js';

/** Who may reach /mcp: Host names (DNS rebinding) and browser Origin host names; both answer 403 otherwise. */
export type McpHttpOptions = { allowedHosts: string[]; allowedOrigins: string[] };

export type McpRouteDeps = {
  domain: Domain;
  agents?: Agents;
  memory?: MemoryService;
  /** For the tools that schedule (start_task, snooze_task); they refuse politely without it. */
  scheduler?: NotificationScheduler;
  logger: Logger;
  bodyLimitBytes: number;
  publicUrl?: string | undefined;
  listen: ListenAddress;
  mcp: McpHttpOptions;
};

export const MCP_PATH = '/mcp';
const METADATA_PATH = '/.well-known/oauth-protected-resource';

/**
 * Streamable HTTP at /mcp for both protocol eras (2026-07-28 per request, 2025-11-25 and older statelessly) from
 * one server factory, plus the RFC 9728 protected-resource metadata its 401 challenge points at.
 *
 * Stateless on purpose: any node behind a load balancer can answer any request, and nothing in memory is the
 * source of truth. No session id is ever issued, so a request naming one gets 404 (the spec's answer for an
 * unknown or terminated session, telling the client to start afresh); GET and DELETE get 405 from the SDK.
 */
export const mcpRoutes = (deps: McpRouteDeps) => {
  const app = new Hono<AppEnv>();
  // The metadata is cached publicly: its URLs come from configuration, never from the request's Host header.
  const base = (c: Context) =>
    deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : selfOrigin(c, undefined, deps.listen);
  const resourceUrl = (c: Context) => `${base(c)}${MCP_PATH}`;
  const metadataUrl = (c: Context) => `${base(c)}${METADATA_PATH}${MCP_PATH}`;

  const handler = createMcpHandler(
    ({ authInfo }) => {
      const userId = authInfo?.extra?.userId;
      // The route below authenticates before it calls the handler; reaching here without a user is a wiring bug.
      if (typeof userId !== 'string')
        throw new Error('MCP request reached the server factory unauthenticated');
      return createFocusForgeServer({
        actor: { userId, via: 'mcp' },
        domain: deps.domain,
        agents: deps.agents,
        memory: deps.memory,
        scheduler: deps.scheduler,
        logger: deps.logger.child({ userId, edge: 'mcp' }),
      });
    },
    {
      maxRequestBodySize: deps.bodyLimitBytes,
      onerror: (error) => deps.logger.debug({ err: error.message }, 'mcp request refused'),
    },
  );

  const metadata = (c: Context<AppEnv>) => {
    const document: OAuthProtectedResourceMetadata = {
      resource: resourceUrl(c),
      resource_name: 'FocusForge',
      bearer_methods_supported: ['header'],
    };
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(document);
  };
  app.get(`${METADATA_PATH}${MCP_PATH}`, metadata);
  app.get(METADATA_PATH, metadata);

  app.use(MCP_PATH, hostHeaderValidation(deps.mcp.allowedHosts), originValidation(deps.mcp.allowedOrigins));
  app.use(
    MCP_PATH,
    cors({
      // Only reached by origins the check above let through (or requests without Origin).
      origin: (origin) => (validateOriginHeader(origin, deps.mcp.allowedOrigins).ok ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Accept',
        'Mcp-Protocol-Version',
        'Mcp-Session-Id',
        'Last-Event-ID',
      ],
      exposeHeaders: ['WWW-Authenticate', 'Mcp-Protocol-Version', 'Mcp-Session-Id'],
      maxAge: 600,
    }),
  );

  // The SDK checks too; refusing here answers in the API's error shape, by Content-Length or as the body streams.
  app.use(
    MCP_PATH,
    limitBody(deps.bodyLimitBytes, `The request body is larger than ${deps.bodyLimitBytes} bytes.`),
  );

  app.all(MCP_PATH, async (c) => {
    const secret = bearerSecret(c.req.header('authorization'));
    const resolved = secret ? await resolveApiToken(deps.domain, secret) : null;
    if (!secret || !resolved) {
      const reason = secret
        ? 'That token is not valid: it may be mistyped or revoked. Create a new one with `focusforge tokens create`.'
        : 'A FocusForge API token is required: send `Authorization: Bearer ff_...`.';
      return bearerAuthChallengeResponse(new OAuthError(OAuthErrorCode.InvalidToken, reason), {
        resourceMetadataUrl: metadataUrl(c),
      });
    }
    if (c.req.header('mcp-session-id')) {
      return c.json(
        {
          jsonrpc: '2.0',
          error: { code: -32001, message: 'Session not found. Start a new session without Mcp-Session-Id.' },
          id: null,
        },
        404,
      );
    }
    const authInfo: AuthInfo = {
      token: secret,
      clientId: resolved.tokenId,
      scopes: [],
      resource: new URL(resourceUrl(c)),
      extra: { userId: resolved.userId },
    };
    return handler.fetch(c.req.raw, { authInfo });
  });

  return app;
};
