import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Domain, LinkDeps } from '../../domain/index.js';
import { selfOrigin, selfOrigins, type ListenAddress } from '../../http/index.js';
import type { Conversations } from '../../planner/index.js';
import { AppError, type Logger } from '../../shared/index.js';
import type { ChannelEnv } from '../contract.js';
import { chatRoutes } from './chat-routes.js';
import { demoPage } from './demo-page.js';
import type { InboxSubscriber } from './inbox-bus.js';
import { createOriginPolicy } from './origins.js';
import { createRateLimiter } from './rate-limiter.js';
import type { WebInbox } from './web-inbox.js';
import { loadWidgetScript } from './widget-asset.js';

/** What the web chat needs from the composition root. */
export type WebChatDeps = {
  conversations: Conversations;
  redis: Redis;
  subscriber: InboxSubscriber;
  /** Namespaces the rate-limit counters (JOBS_PREFIX). */
  prefix: string;
  secret: string;
  allowedOrigins: string[];
  messagesPerMinute: number;
  requestsPerMinutePerIp: number;
  /** TRUST_PROXY_HOPS (see http/client-address.ts). */
  trustedProxies?: number;
  anonymousSessionsPerMinute: number;
  eventStreamsPerUser: number;
  operatorMaxAgeSeconds: number;
};

export type WebRoutesDeps = WebChatDeps & {
  domain: Domain;
  inbox: WebInbox;
  logger: Logger;
  publicUrl?: string | undefined;
  listen: ListenAddress;
  /** "link CODE" in web chat joins accounts (see domain/account). */
  account?: LinkDeps | undefined;
};

/** `/` (demo page), `/widget.js` and `/chat/*`. */
export const webChatRoutes = (deps: WebRoutesDeps) => {
  const app = new Hono<ChannelEnv>();
  const limiter = createRateLimiter(deps.redis, deps.prefix, (error) =>
    deps.logger.warn({ err: error.message }, 'chat rate limiter unavailable; letting requests through'),
  );
  app.route(
    '/chat',
    chatRoutes({
      ...deps,
      limiter,
      origins: createOriginPolicy(deps.allowedOrigins),
      ownOrigins: (c) => selfOrigins(c, deps.publicUrl, deps.listen),
    }),
  );

  app.get('/widget.js', async (c) => {
    const script = await loadWidgetScript();
    if (script === null)
      throw new AppError('UNAVAILABLE', 'The chat widget is not built. Run `npm run build`.');
    return c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      // Any site may load the script; what it may do is decided by /chat's origin allowlist.
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  app.get('/', (c) => {
    return c.html(demoPage(selfOrigin(c, deps.publicUrl, deps.listen)));
  });
  return app;
};
