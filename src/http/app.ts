import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Agents } from '../agents/index.js';
import type { MemoryService } from '../memory/index.js';
import type { AccountService, Domain, NotificationScheduler } from '../domain/index.js';
import type { ChannelAdapter, WebInbox } from '../channels/index.js';
import { AppError, type Logger } from '../shared/index.js';
import { apiRoutes } from './api.js';
import { closeConnectionIfBodyUnread } from './body-limit.js';
import type { AppEnv } from './context.js';
import { errorResponse } from './errors.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { mcpRoutes, type McpHttpOptions } from './mcp.js';
import { calendarFeedFileRoutes } from './routes/calendar.js';
import { emailUnsubscribeRoutes } from './routes/email-unsubscribe.js';
import { createOAuthServer, type OAuthServerDeps } from './oauth/routes.js';
import type { ListenAddress } from './self-origin.js';
import type { Metrics } from './metrics.js';
import type { AdminApiDeps } from './routes/admin.js';

export type AppDeps = {
  domain: Domain;
  /** The LLM chains, for the MCP tools and the usage summary that use them. */
  agents: Agents;
  memory: MemoryService;
  /** Data export and account deletion (/me/export, DELETE /me). */
  account: AccountService;
  /** The operator's admin API (/api/v1/admin/...). */
  admin: AdminApiDeps;
  scheduler: NotificationScheduler;
  inbox: WebInbox;
  /** Configured channels; each one's routes (the web chat's `/`, `/widget.js`, `/chat/*`, webhooks) mount at '/'. */
  channels: { list: () => ChannelAdapter[] };
  logger: Logger;
  metrics: Metrics;
  /** METRICS_TOKEN: /metrics answers only to it (unset: /metrics is off). */
  metricsToken?: string | undefined;
  /** Signs and checks one-click unsubscribe links in email. */
  emailUnsubscribeSecret: string;
  readiness: ReadinessCheck[];
  /** The REST API's body limit. */
  bodyLimitBytes: number;
  mcpBodyLimitBytes: number;
  /** PUBLIC_URL (unset: this server's own listen address names its URLs). */
  publicUrl?: string | undefined;
  /** HOST/PORT: this server's own URLs when PUBLIC_URL is unset (never the request's Host header). */
  listen: ListenAddress;
  /** Host/Origin allowlists of /mcp. */
  mcp: McpHttpOptions;
  /** The built-in OAuth authorization server for MCP clients (OAUTH_ENABLED=false: absent, /mcp takes only `ff_` tokens). */
  oauth?: Pick<OAuthServerDeps, 'settings' | 'limiter' | 'senders' | 'fetch' | 'trustedProxies'> | undefined;
};

const fromHttpException = (error: HTTPException): AppError => {
  if (error.status === 400 && /json/i.test(error.message)) {
    return new AppError('BAD_REQUEST', 'The request body is not valid JSON.', { cause: error });
  }
  if (error.status >= 500)
    return new AppError('INTERNAL', 'Something went wrong on our side.', { cause: error });
  return new AppError('BAD_REQUEST', error.message || 'Bad request.', { status: error.status, cause: error });
};

/** The whole HTTP surface; no I/O happens until a request arrives. */
export const createApp = (deps: AppDeps) => {
  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: 'X-Request-Id', limitLength: 64 }));
  app.use(closeConnectionIfBodyUnread);
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('logger', deps.logger.child({ requestId: c.var.requestId }));
    await next();
    const route = routePath(c) || 'unmatched';
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    if (c.res.status >= 500) deps.metrics.httpErrors.inc({ route });
    c.var.logger.debug(
      { method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  });

  app.route('/', healthRoutes(deps.readiness, deps.metrics, deps.metricsToken));
  app.route('/api/v1', apiRoutes(deps));
  app.route('/', calendarFeedFileRoutes(deps.domain));
  app.route('/', emailUnsubscribeRoutes(deps.domain, deps.emailUnsubscribeSecret));
  const oauth = deps.oauth
    ? createOAuthServer({
        ...deps.oauth,
        domain: deps.domain,
        logger: deps.logger,
        publicUrl: deps.publicUrl,
        listen: deps.listen,
      })
    : undefined;
  if (oauth) app.route('/', oauth.routes);
  app.route('/', mcpRoutes({ ...deps, bodyLimitBytes: deps.mcpBodyLimitBytes, oauth }));
  for (const adapter of deps.channels.list()) if (adapter.routes) app.route('/', adapter.routes);

  app.notFound((c) =>
    errorResponse(c, new AppError('NOT_FOUND', `There is no ${c.req.method} ${c.req.path}.`)),
  );
  app.onError((error, c) =>
    errorResponse(c, error instanceof HTTPException ? fromHttpException(error) : error),
  );
  return app;
};

export type App = ReturnType<typeof createApp>;
