import { createRoute, z } from '@hono/zod-openapi';
import {
  ActiveFocusSessionSchema,
  completeFocusSession,
  CompleteFocusSessionResultSchema,
  FocusSessionIdSchema,
  FocusSessionSchema,
  getActiveFocusSession,
  listFocusSessions,
  ListFocusSessionsSchema,
  startFocusSession,
  StartFocusSessionSchema,
  stopFocusSession,
  StopFocusSessionResultSchema,
  type Domain,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

/** /focus-sessions: timed focus blocks, one at a time. */
export const focusRoutes = (domain: Domain) => {
  const router = createRouter();
  const tags = ['Focus sessions'];

  router.openapi(
    createRoute({
      method: 'post',
      path: '/focus-sessions',
      tags,
      summary: 'Start a focus block (1-240 minutes, optionally for one of your tasks)',
      security: secured,
      request: body(StartFocusSessionSchema),
      responses: {
        201: json(FocusSessionSchema, 'Started'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: { ...errorResponses[404], description: 'The task does not exist (or is not yours)' },
        409: {
          ...errorResponses[409],
          description: 'A focus block is already running (`FOCUS_SESSION_ACTIVE`)',
        },
      },
    }),
    async (c) =>
      c.json(await startFocusSession(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/focus-sessions',
      tags,
      summary: 'Your recent focus blocks, newest first',
      security: secured,
      request: { query: ListFocusSessionsSchema },
      responses: {
        200: json(z.object({ items: z.array(FocusSessionSchema) }), 'Focus sessions'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(
        {
          items: await listFocusSessions(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')),
        },
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/focus-sessions/active',
      tags,
      summary: 'The focus block running now, or `session: null`',
      security: secured,
      responses: { 200: json(ActiveFocusSessionSchema, 'Active session'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await getActiveFocusSession(domain, { userId: c.var.userId, via: 'api' }), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/focus-sessions/{id}/stop',
      tags,
      summary: 'Stop a focus block early; nothing is taken away',
      security: secured,
      request: { params: FocusSessionIdSchema },
      responses: {
        200: json(StopFocusSessionResultSchema, 'Stopped'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: { ...errorResponses[409], description: 'The block was already completed' },
      },
    }),
    async (c) =>
      c.json(await stopFocusSession(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/focus-sessions/{id}/complete',
      tags,
      summary:
        'Complete a focus block: points for the minutes focused, once, and the day counts for your streak',
      security: secured,
      request: { params: FocusSessionIdSchema },
      responses: {
        200: json(CompleteFocusSessionResultSchema, 'Completed'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: { ...errorResponses[409], description: 'The block was stopped earlier' },
      },
    }),
    async (c) =>
      c.json(
        await completeFocusSession(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param')),
        200,
      ),
  );

  return router;
};
