import type { AccountService, Domain, NotificationScheduler } from '../domain/index.js';
import { bearerAuth } from './auth.js';
import { limitBody } from './body-limit.js';
import { createRouter } from './openapi.js';
import { profileRoutes } from './routes/profile.js';
import { emailRoutes } from './routes/email.js';
import { taskRoutes } from './routes/tasks.js';
import { focusRoutes } from './routes/focus.js';
import { moodRoutes } from './routes/mood.js';
import { pointsRoutes } from './routes/points.js';
import { rewardRoutes } from './routes/rewards.js';
import { notificationRoutes } from './routes/notifications.js';
import { memoryRoutes } from './routes/memories.js';
import { connectionRoutes } from './routes/connections.js';
import { calendarFeedRoutes } from './routes/calendar.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes, type AdminApiDeps } from './routes/admin.js';
import type { ListenAddress } from './self-origin.js';
import type { WebInbox } from '../channels/index.js';
import type { Agents } from '../agents/index.js';
import type { MemoryService } from '../memory/index.js';

export type ApiDeps = {
  domain: Domain;
  scheduler: NotificationScheduler;
  inbox: WebInbox;
  memory: MemoryService;
  agents: Agents;
  /** Data export and account deletion (/me/export, DELETE /me). */
  account: AccountService;
  /** The operator's view (/admin/...). */
  admin: AdminApiDeps;
  bodyLimitBytes: number;
  /** PUBLIC_URL (unset: the feed links name this server's listen address). */
  publicUrl?: string | undefined;
  listen: ListenAddress;
};

/** The REST API under /api/v1: bearer-authenticated, documented at /api/v1/openapi.json. */
export const apiRoutes = ({
  domain,
  scheduler,
  inbox,
  memory,
  agents,
  account,
  admin,
  bodyLimitBytes,
  publicUrl,
  listen,
}: ApiDeps) => {
  const api = createRouter();

  api.use('*', limitBody(bodyLimitBytes, `The request body is larger than ${bodyLimitBytes} bytes.`));

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `focusforge tokens create` or POST /api/v1/me/tokens',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'FocusForge API',
      version: '1',
      description: 'Tasks, mood, points, rewards, focus sessions and memories for one person at a time.',
    },
    servers: [{ url: `${publicUrl ?? ''}/api/v1` }],
  });

  api.use('*', bearerAuth(domain));
  api.route('/', profileRoutes(domain));
  api.route('/', emailRoutes(domain));
  api.route('/', taskRoutes(domain));
  api.route('/', pointsRoutes(domain));
  api.route('/', rewardRoutes(domain));
  api.route('/', moodRoutes(domain));
  api.route('/', focusRoutes(domain));
  api.route('/', notificationRoutes({ domain, scheduler, inbox }));
  api.route('/', memoryRoutes(memory, agents));
  api.route('/', connectionRoutes(domain));
  api.route('/', calendarFeedRoutes(domain, { publicUrl, listen }));
  api.route('/', accountRoutes(account));
  api.route('/', adminRoutes(admin));
  return api;
};
