import { createRoute, z } from '@hono/zod-openapi';
import {
  ConnectionSchema,
  listConnections,
  revokeConnection,
  type ConnectionDeps,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { createRouter, json, secured } from '../openapi.js';

/** /me/connections: the apps a person connected through OAuth (Claude, ChatGPT…), and disconnecting them. */
export const connectionRoutes = (domain: ConnectionDeps) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/connections',
      tags: ['Profile'],
      summary: 'Apps connected to your account through OAuth sign-in',
      security: secured,
      responses: {
        200: json(z.object({ items: z.array(ConnectionSchema) }), 'Connected apps'),
        401: errorResponses[401],
      },
    }),
    async (c) => c.json({ items: await listConnections(domain, c.var.userId) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/connections/{id}',
      tags: ['Profile'],
      summary: 'Disconnect an app: its access and refresh tokens stop working at once',
      security: secured,
      request: { params: z.object({ id: z.string().min(1).max(128) }) },
      responses: {
        200: json(ConnectionSchema, 'Disconnected'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) =>
      c.json(
        await revokeConnection(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param').id),
        200,
      ),
  );
  return router;
};
