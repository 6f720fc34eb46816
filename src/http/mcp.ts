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
import {
  assertAccountActive,
  resolveApiToken,
  type Domain,
  type NotificationScheduler,
} from '../domain/index.js';
import type { Agents } from '../agents/index.js';
import type { MemoryService } from '../memory/index.js';
import type { Logger } from '../shared/index.js';
import { createFocusForgeServer, tools } from '../tools/index.js';
import { bearerSecret } from './auth.js';
import { limitBody } from './body-limit.js';
import { selfOrigin, type ListenAddress } from './self-origin.js';
import { SCOPE_READ, SCOPE_WRITE, SCOPES } from './oauth/provider.js';
import type { OAuthServer } from './oauth/routes.js';
import type { AppEnv } from './context.js';

/** Who may reach /mcp: Host names (DNS rebinding) and browser Origin host names; both answer 403 otherwise. */
export type McpHttpOptions = { allowedHosts: string[]; allowedOrigins: string[] };

export type McpRouteDeps = {
  domain: Domain;
  agents: Agents;
  memory: MemoryService;
  /** For the tools that schedule (start_task, snooze_task). */
  scheduler: NotificationScheduler;
  logger: Logger;
  bodyLimitBytes: number;
  publicUrl?: string | undefined;
  listen: ListenAddress;
  mcp: McpHttpOptions;
  /** The built-in authorization server; absent (OAUTH_ENABLED=false), only `ff_` tokens are accepted. */
  oauth?: OAuthServer | undefined;
};

/** Tools a read-only grant may call: exactly those that declare themselves read-only. */
const READ_ONLY_TOOLS = new Set(tools.filter((t) => t.annotations.readOnlyHint === true).map((t) => t.name));

/** The tool a JSON-RPC body calls, when it is a tools/call; the SDK validates everything else itself. */
const calledTool = async (request: Request): Promise<string | null> => {
  if (request.method !== 'POST') return null;
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const { method, params } = body as { method?: unknown; params?: { name?: unknown } };
  return method === 'tools/call' && typeof params?.name === 'string' ? params.name : null;
};

export const MCP_PATH = '/mcp';

const METADATA_PATH = '/.well-known/oauth-protected-resource';

/** The SDK's handler: a fresh FocusForge server per request, acting as the authenticated person. */
const mcpHandler = (deps: McpRouteDeps) =>
  createMcpHandler(
    ({ authInfo }) => {
      const userId = authInfo?.extra?.userId;
      // The route below authenticates before it calls the handler; reaching here without a user is a wiring bug.
      if (typeof userId !== 'string')
        throw new Error('MCP request reached the server factory unauthenticated');
      return createFocusForgeServer(
        {
          actor: { userId, via: 'mcp' },
          domain: deps.domain,
          agents: deps.agents,
          memory: deps.memory,
          scheduler: deps.scheduler,
          logger: deps.logger.child({ userId, edge: 'mcp' }),
        },
        { readOnly: !authInfo?.scopes.includes(SCOPE_WRITE) },
      );
    },
    {
      maxRequestBodySize: deps.bodyLimitBytes,
      onerror: (error) => deps.logger.debug({ err: error.message }, 'mcp request refused'),
    },
  );

/** CORS for browser clients; only reached by origins the Origin check let through (or requests without Origin). */
const mcpCors = (allowedOrigins: string[]) =>
  cors({
    origin: (origin) => (validateOriginHeader(origin, allowedOrigins).ok ? origin : null),
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
  });

/**
 * Who a bearer secret speaks for at this resource: an `ff_` API token (the person's own key, every scope), else an
 * OAuth access token issued for this resource. Null when it is neither.
 */
const authInfoFor = async (
  deps: McpRouteDeps,
  c: Context,
  secret: string,
  resource: string,
): Promise<AuthInfo | null> => {
  if (secret.startsWith('ff_') || !deps.oauth) {
    const resolved = await resolveApiToken(deps.domain, secret);
    if (!resolved) return null;
    // An API token is the person's own key: it carries everything they can do.
    return {
      token: secret,
      clientId: resolved.tokenId,
      scopes: [...SCOPES],
      resource: new URL(resource),
      extra: { userId: resolved.userId },
    };
  }
  const access = await deps.oauth.verify(c, secret);
  // A token for another resource (RFC 8707 audience) is refused like an unknown one.
  if (!access || !access.audience.includes(resource)) return null;
  await assertAccountActive(deps.domain, access.userId);
  return {
    token: secret,
    clientId: access.clientId,
    scopes: access.scopes,
    resource: new URL(resource),
    extra: { userId: access.userId },
  };
};

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
  const handler = mcpHandler(deps);

  const metadata = (c: Context<AppEnv>) => {
    const document: OAuthProtectedResourceMetadata = {
      resource: resourceUrl(c),
      resource_name: 'FocusForge',
      bearer_methods_supported: ['header'],
      ...(deps.oauth ? { authorization_servers: [base(c)], scopes_supported: [...SCOPES] } : {}),
    };
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(document);
  };
  app.get(`${METADATA_PATH}${MCP_PATH}`, metadata);
  app.get(METADATA_PATH, metadata);
  // With a path in PUBLIC_URL (https://host/ff), RFC 9728's own location is /.well-known/…/ff/mcp at the root;
  // served too for a proxy that forwards it (the 401 challenge names the one under the prefix).
  const basePath = deps.publicUrl ? new URL(deps.publicUrl).pathname.replace(/\/+$/, '') : '';
  if (basePath) app.get(`${METADATA_PATH}${basePath}${MCP_PATH}`, metadata);

  app.use(MCP_PATH, hostHeaderValidation(deps.mcp.allowedHosts), originValidation(deps.mcp.allowedOrigins));
  app.use(MCP_PATH, mcpCors(deps.mcp.allowedOrigins));

  // The SDK checks too; refusing here answers in the API's error shape, by Content-Length or as the body streams.
  app.use(
    MCP_PATH,
    limitBody(deps.bodyLimitBytes, `The request body is larger than ${deps.bodyLimitBytes} bytes.`),
  );

  /** 401 with the challenge that starts discovery; `invalid_token` only when a token was sent (RFC 6750 3.1). */
  const challenge = (c: Context, sent: boolean) => {
    const reason = sent
      ? 'That token is not valid here: it may be mistyped, expired, revoked or issued for another server.'
      : 'Sign in: connect with OAuth, or send `Authorization: Bearer ff_...` (`focusforge tokens create`).';
    const scope = deps.oauth ? `, scope="${SCOPES.join(' ')}"` : '';
    const error = sent ? `error="invalid_token", error_description="${reason}", ` : '';
    c.header('WWW-Authenticate', `Bearer ${error}resource_metadata="${metadataUrl(c)}"${scope}`);
    return c.json({ error: sent ? 'invalid_token' : 'unauthorized', error_description: reason }, 401);
  };

  app.all(MCP_PATH, async (c) => {
    const secret = bearerSecret(c.req.header('authorization'));
    if (!secret) return challenge(c, false);
    const authInfo = await authInfoFor(deps, c, secret, resourceUrl(c));
    if (!authInfo) return challenge(c, true);
    if (!authInfo.scopes.includes(SCOPE_WRITE)) {
      if (!authInfo.scopes.includes(SCOPE_READ))
        return bearerAuthChallengeResponse(
          new OAuthError(OAuthErrorCode.InsufficientScope, 'This token grants no FocusForge access.'),
          { requiredScopes: [SCOPE_READ], resourceMetadataUrl: metadataUrl(c) },
        );
      const tool = await calledTool(c.req.raw);
      // A call beyond the grant: 403 names the scope to ask for, so the client can step up (re-authorize).
      if (tool && !READ_ONLY_TOOLS.has(tool))
        return bearerAuthChallengeResponse(
          new OAuthError(
            OAuthErrorCode.InsufficientScope,
            `${tool} changes your data; connect again and allow ${SCOPE_WRITE}.`,
          ),
          { requiredScopes: [...SCOPES], resourceMetadataUrl: metadataUrl(c) },
        );
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
    return handler.fetch(c.req.raw, { authInfo });
  });

  return app;
};
