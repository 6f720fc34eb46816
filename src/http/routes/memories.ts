import { createRoute, z } from '@hono/zod-openapi';
import { UsageSummarySchema, type Agents } from '../../agents/index.js';
import {
  ListMemoriesResultSchema,
  MemoryKindSchema,
  RecallInputSchema,
  RecallResultSchema,
  RememberInputSchema,
  RememberResultSchema,
  type MemoryService,
} from '../../memory/index.js';
import { AppError } from '../../shared/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'mem_8x2k4m9q1w3e5r7t' }),
});

/** Query strings carry lists as `a,b` and numbers as text. */
const ListQuerySchema = z.object({
  tier: z.enum(['working', 'long_term']).optional(),
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const kinds = value.split(',').map((kind) => kind.trim());
      const parsed = z.array(MemoryKindSchema).min(1).max(8).safeParse(kinds);
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: `kinds must be a comma list of ${MemoryKindSchema.options.join(', ')}`,
      });
      return z.NEVER;
    })
    .describe('Comma-separated memory kinds'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const UsageQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/**
 * /memories: what the assistant remembers about the person, so they can see, correct (remember with `replaces`)
 * and forget it; /usage: what their LLM calls cost.
 */
export const memoryRoutes = (memory: MemoryService, agents: Agents) => {
  const router = createRouter();
  const tags = ['Memory'];
  const actor = (userId: string) => ({ userId, via: 'api' as const });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/memories',
      tags,
      summary: 'Working and long-term memories, newest first (expired and superseded ones never appear)',
      security: secured,
      request: { query: ListQuerySchema },
      responses: {
        200: json(ListMemoriesResultSchema, 'Memories'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => c.json(await memory.list(c.var.userId, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/memories',
      tags,
      summary: 'Remember something; with `replaces`, correct an earlier memory',
      security: secured,
      request: body(RememberInputSchema),
      responses: {
        201: json(RememberResultSchema, 'Remembered'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await memory.remember(actor(c.var.userId), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/memories/search',
      tags,
      summary: 'Search memories (and optionally tasks) by meaning',
      security: secured,
      request: body(RecallInputSchema),
      responses: {
        200: json(RecallResultSchema, 'Matches'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => c.json(await memory.recall(c.var.userId, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/memories/{id}',
      tags,
      summary: 'Forget a memory and its earlier versions',
      security: secured,
      request: { params: IdParams },
      responses: { 204: { description: 'Forgotten' }, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await memory.forget(actor(c.var.userId), { ids: [id] });
      if (result.forgotten.length === 0) throw new AppError('NOT_FOUND', "I couldn't find that memory.");
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/usage',
      tags: ['Usage'],
      summary: 'Your LLM calls over the last `days` days: calls, tokens and estimated cost by purpose',
      security: secured,
      request: { query: UsageQuerySchema },
      responses: {
        200: json(UsageSummarySchema, 'Usage'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => c.json(await agents.usageSummary(c.var.userId, c.req.valid('query').days), 200),
  );

  return router;
};
