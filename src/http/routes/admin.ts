import { createRoute, z } from '@hono/zod-openapi';
import {
  assertAdmin,
  listPeople,
  PageQuerySchema,
  peopleUsage,
  PersonSchema,
  setUserDisabled,
  UsageRowSchema,
  type AdminDeps,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { createRouter, json, secured } from '../openapi.js';

export type AdminApiDeps = AdminDeps & {
  /** Background jobs per queue and state (waiting, delayed, active, failed), as /metrics shows them. */
  queueDepth: () => Promise<Record<string, Record<string, number>>>;
};

const DeliveryCountSchema = z.object({ channel: z.string(), outcome: z.string(), count: z.number().int() });
const forbidden = { ...errorResponses[401], description: 'Not an admin' };
const DAY_MS = 86_400_000;

/** /admin: the operator's view of people, usage and delivery health; admins only (granted by the CLI). */
export const adminRoutes = (deps: AdminApiDeps) => {
  const router = createRouter();
  router.use('/admin/*', async (c, next) => {
    await assertAdmin(deps, c.var.userId);
    await next();
  });
  const actor = (userId: string) => ({ userId, via: 'api' as const });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/users',
      tags: ['Admin'],
      summary: 'People on this server, a page at a time (no secrets, no message content)',
      security: secured,
      request: { query: PageQuerySchema },
      responses: {
        200: json(z.object({ items: z.array(PersonSchema), next: z.string().nullable() }), 'People'),
        401: errorResponses[401],
        403: forbidden,
      },
    }),
    async (c) => c.json(await listPeople(deps, c.req.valid('query')), 200),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `/admin/users/{id}/${verb}`,
        tags: ['Admin'],
        summary: disabled
          ? 'Disable a person: their tokens, sessions and messages are refused and nothing is sent to them'
          : 'Enable a disabled person again',
        security: secured,
        request: { params: z.object({ id: z.string().min(1).max(64) }) },
        responses: {
          200: json(PersonSchema, 'The person now'),
          401: errorResponses[401],
          403: forbidden,
          404: errorResponses[404],
          409: errorResponses[409],
        },
      }),
      async (c) =>
        c.json(
          await setUserDisabled(deps, actor(c.var.userId), { userId: c.req.valid('param').id, disabled }),
          200,
        ),
    );
  }

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/usage',
      tags: ['Admin'],
      summary: 'Per person: tasks, messages to the assistant, LLM calls, tokens and estimated cost',
      security: secured,
      request: { query: PageQuerySchema },
      responses: {
        200: json(z.object({ items: z.array(UsageRowSchema), next: z.string().nullable() }), 'Usage'),
        401: errorResponses[401],
        403: forbidden,
      },
    }),
    async (c) => c.json(await peopleUsage(deps, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/deliveries',
      tags: ['Admin'],
      summary: 'Delivery health: messages by channel and outcome over 24 hours and 7 days, and queue depth',
      security: secured,
      responses: {
        200: json(
          z.object({
            last24h: z.array(DeliveryCountSchema),
            last7d: z.array(DeliveryCountSchema),
            queues: z.record(z.string(), z.record(z.string(), z.number())),
          }),
          'Delivery health',
        ),
        401: errorResponses[401],
        403: forbidden,
      },
    }),
    async (c) => {
      const now = deps.clock.now().getTime();
      const [last24h, last7d, queues] = await Promise.all([
        deps.reads.deliveries(new Date(now - DAY_MS)),
        deps.reads.deliveries(new Date(now - 7 * DAY_MS)),
        deps.queueDepth(),
      ]);
      return c.json({ last24h, last7d, queues }, 200);
    },
  );
  return router;
};
