import { createRoute, z } from '@hono/zod-openapi';
import {
  archiveReward,
  createReward,
  CreateRewardSchema,
  listRedemptions,
  ListRedemptionsSchema,
  listRewards,
  ListRewardsSchema,
  redeemReward,
  RedeemRewardResultSchema,
  RedemptionSchema,
  RewardIdSchema,
  RewardSchema,
  updateReward,
  UpdateRewardBodySchema,
  type Domain,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

type Router = ReturnType<typeof createRouter>;

const tags = ['Rewards'];

/** Spending points on a reward, and the redemptions made. */
const addRedemptionRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'post',
      path: '/rewards/{id}/redeem',
      tags,
      summary: 'Spend points on a reward; never takes your balance below zero',
      security: secured,
      request: { params: RewardIdSchema },
      responses: {
        201: json(RedeemRewardResultSchema, 'Redeemed'),
        401: errorResponses[401],
        404: errorResponses[404],
        409: {
          ...errorResponses[409],
          description: 'Not enough points (`INSUFFICIENT_POINTS`) or the reward is archived',
        },
      },
    }),
    async (c) =>
      c.json(await redeemReward(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/redemptions',
      tags,
      summary: 'Rewards you have redeemed, newest first',
      security: secured,
      request: { query: ListRedemptionsSchema },
      responses: {
        200: json(z.object({ items: z.array(RedemptionSchema) }), 'Redemptions'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(
        { items: await listRedemptions(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')) },
        200,
      ),
  );
};

/** /rewards and /redemptions: the person's own reward store. */
export const rewardRoutes = (domain: Domain) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/rewards',
      tags,
      summary: 'Your rewards (active by default; `status=archived` or `all`)',
      security: secured,
      request: { query: ListRewardsSchema },
      responses: {
        200: json(z.object({ items: z.array(RewardSchema) }), 'Rewards'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(
        { items: await listRewards(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('query')) },
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/rewards',
      tags,
      summary: 'Add a reward to treat yourself with, priced in points',
      security: secured,
      request: body(CreateRewardSchema),
      responses: {
        201: json(RewardSchema, 'Created'),
        400: errorResponses[400],
        401: errorResponses[401],
        409: errorResponses[409],
      },
    }),
    async (c) =>
      c.json(await createReward(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/rewards/{id}',
      tags,
      summary: 'Change a reward, or archive / restore it with `status`',
      security: secured,
      request: { params: RewardIdSchema, ...body(UpdateRewardBodySchema) },
      responses: {
        200: json(RewardSchema, 'Updated'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) =>
      c.json(
        await updateReward(
          domain,
          { userId: c.var.userId, via: 'api' },
          { ...c.req.valid('json'), id: c.req.valid('param').id },
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/rewards/{id}',
      tags,
      summary: 'Archive a reward (its redemption history stays; restore it with PATCH)',
      security: secured,
      request: { params: RewardIdSchema },
      responses: { 200: json(RewardSchema, 'Archived'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) =>
      c.json(await archiveReward(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param')), 200),
  );

  addRedemptionRoutes(router, domain);

  return router;
};
