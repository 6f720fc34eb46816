import { createRoute } from '@hono/zod-openapi';
import {
  getPoints,
  GetPointsSchema,
  getStreak,
  PointsSummarySchema,
  StreakSchema,
  type GetStreakDeps,
  type PointsLedger,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { createRouter, json, secured } from '../openapi.js';

/** /points and /streak: what the person has earned, read-only. */
export const pointsRoutes = (domain: GetStreakDeps & { ledger: PointsLedger }) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/points',
      tags: ['Gamification'],
      summary: 'Your points balance, level, progress to the next level and recent history',
      security: secured,
      request: { query: GetPointsSchema },
      responses: {
        200: json(PointsSummarySchema, 'Points'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(await getPoints(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/streak',
      tags: ['Gamification'],
      summary: 'Your streak in your own calendar days, with freezes and the weekly grace day',
      security: secured,
      responses: { 200: json(StreakSchema, 'Streak'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await getStreak(domain, { userId: c.var.userId, via: 'api' }), 200),
  );

  return router;
};
