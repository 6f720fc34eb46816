import { createRoute, z } from '@hono/zod-openapi';
import {
  getMoodPatterns,
  GetMoodPatternsSchema,
  listMoods,
  ListMoodsSchema,
  logMood,
  LogMoodSchema,
  MoodLogSchema,
  MoodPatternsSchema,
  type Domain,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

/** /mood: logging how the person feels, and the patterns in it. */
export const moodRoutes = (domain: Domain) => {
  const router = createRouter();
  const tags = ['Mood'];

  router.openapi(
    createRoute({
      method: 'post',
      path: '/mood',
      tags,
      summary: 'Log mood and energy (1-5), with an optional note and tags',
      security: secured,
      request: body(LogMoodSchema),
      responses: { 201: json(MoodLogSchema, 'Logged'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) =>
      c.json(await logMood(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/mood',
      tags,
      summary: 'Your mood history, newest first',
      security: secured,
      request: { query: ListMoodsSchema },
      responses: {
        200: json(z.object({ items: z.array(MoodLogSchema) }), 'Mood logs'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(
        { items: await listMoods(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')) },
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/mood/patterns',
      tags,
      summary: 'Average mood and energy by weekday, time of day and completed tasks, in your time zone',
      security: secured,
      request: { query: GetMoodPatternsSchema },
      responses: {
        200: json(MoodPatternsSchema, 'Patterns'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(await getMoodPatterns(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')), 200),
  );

  return router;
};
