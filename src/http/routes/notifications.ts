import { createRoute, z } from '@hono/zod-openapi';
import { InboxItemSchema, type WebInbox } from '../../channels/index.js';
import {
  NotificationLogEntrySchema,
  SnoozeResultSchema,
  SnoozeSchema,
  snoozeTaskReminder,
  toLogEntry,
  type Domain,
  type NotificationScheduler,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

export type NotificationRouteDeps = {
  domain: Pick<Domain, 'tasks' | 'audit' | 'clock' | 'notifications'>;
  scheduler: NotificationScheduler;
  inbox: WebInbox;
};

/** Snooze, the delivery log, and the in-app inbox that reminders and check-ins land in. */
export const notificationRoutes = ({ domain, scheduler, inbox }: NotificationRouteDeps) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/snooze',
      tags: ['Reminders'],
      summary: 'Remind me about this task again in a few minutes',
      security: secured,
      request: { params: z.object({ id: z.string().min(1).max(64) }), ...body(SnoozeSchema) },
      responses: {
        200: json(SnoozeResultSchema, 'Snoozed'),
        400: errorResponses[400],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) =>
      c.json(
        await snoozeTaskReminder(
          { ...domain, scheduler },
          { userId: c.var.userId, via: 'api' },
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['Reminders'],
      summary: 'Delivery log: what was sent to you, on which channel, and its status',
      security: secured,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: {
        200: json(z.object({ items: z.array(NotificationLogEntrySchema) }), 'Deliveries'),
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const items = await domain.notifications.list(c.var.userId, c.req.valid('query').limit);
      return c.json({ items: items.map(toLogEntry) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/inbox',
      tags: ['Reminders'],
      summary: 'In-app messages (reminders, check-ins), newest first',
      security: secured,
      request: {
        query: z.object({
          unread: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(InboxItemSchema) }), 'Messages'),
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const { unread, limit } = c.req.valid('query');
      return c.json({ items: await inbox.list(c.var.userId, { unreadOnly: unread === 'true', limit }) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/inbox/{id}/read',
      tags: ['Reminders'],
      summary: 'Mark an in-app message as read',
      security: secured,
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: { 200: json(InboxItemSchema, 'Read'), 404: errorResponses[404] },
    }),
    async (c) => {
      const item = await inbox.markRead(c.var.userId, c.req.valid('param').id);
      if (!item) throw new AppError('NOT_FOUND', "I couldn't find that message.");
      return c.json(item, 200);
    },
  );

  return router;
};
