import { createRoute, z } from '@hono/zod-openapi';
import {
  ApiTokenSchema,
  AuditEntrySchema,
  createApiToken,
  CreateApiTokenSchema,
  createLinkCode,
  getProfile,
  IdentitySchema,
  LinkCodeSchema,
  listApiTokens,
  listIdentities,
  ProfileSchema,
  removeIdentity,
  revokeApiToken,
  toAuditEntryDto,
  updateProfile,
  UpdateProfileSchema,
  type Domain,
} from '../../domain/index.js';
import { errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

type Router = ReturnType<typeof createRouter>;

/** API tokens: list, create (shown once), revoke. */
const addTokenRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/tokens',
      tags: ['Profile'],
      summary: 'Your API tokens (never their secrets)',
      security: secured,
      responses: {
        200: json(z.object({ items: z.array(ApiTokenSchema) }), 'Tokens'),
        401: errorResponses[401],
      },
    }),
    async (c) => c.json({ items: await listApiTokens(domain, c.var.userId) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/tokens',
      tags: ['Profile'],
      summary: 'Create an API token; the secret is in this response only',
      security: secured,
      request: body(CreateApiTokenSchema),
      responses: {
        201: json(z.object({ token: z.string(), info: ApiTokenSchema }), 'Created'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(await createApiToken(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/tokens/{id}',
      tags: ['Profile'],
      summary: 'Revoke one of your API tokens',
      security: secured,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: json(ApiTokenSchema, 'Revoked'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) =>
      c.json(
        await revokeApiToken(domain, { userId: c.var.userId, via: 'api' }, { id: c.req.valid('param').id }),
        200,
      ),
  );
};

/** Linked addresses: list, link with a code, unlink. */
const addIdentityRoutes = (router: Router, domain: Domain) => {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/identities',
      tags: ['Profile'],
      summary: 'Phone numbers, Slack accounts and other addresses linked to you',
      security: secured,
      responses: {
        200: json(z.object({ items: z.array(IdentitySchema) }), 'Linked addresses'),
        401: errorResponses[401],
      },
    }),
    async (c) => c.json({ items: await listIdentities(domain, c.var.userId) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/link-codes',
      tags: ['Profile'],
      summary: 'A single-use code (10 minutes) to link a phone or Slack account: send "link CODE" from it',
      security: secured,
      responses: { 201: json(LinkCodeSchema, 'Code'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await createLinkCode(domain, { userId: c.var.userId, via: 'api' }), 201),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/identities/{id}',
      tags: ['Profile'],
      summary: 'Unlink an address',
      security: secured,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: json(IdentitySchema, 'Unlinked'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) =>
      c.json(
        await removeIdentity(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('param').id),
        200,
      ),
  );
};

/** /me: the acting person's profile, preferences and API tokens. */
export const profileRoutes = (domain: Domain) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Profile'],
      summary: 'Your profile and preferences',
      security: secured,
      responses: { 200: json(ProfileSchema, 'Profile'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await getProfile(domain, c.var.userId), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags: ['Profile'],
      summary: 'Change time zone, quiet hours, preferred channel, tone or daily nudge cap',
      security: secured,
      request: body(UpdateProfileSchema),
      responses: {
        200: json(ProfileSchema, 'Updated profile'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) =>
      c.json(await updateProfile(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json')), 200),
  );

  addTokenRoutes(router, domain);
  addIdentityRoutes(router, domain);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/audit',
      tags: ['Profile'],
      summary: 'What changed in your account, newest first',
      security: secured,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: {
        200: json(z.object({ items: z.array(AuditEntrySchema) }), 'Audit entries'),
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const entries = await domain.audit.list(c.var.userId, { limit: c.req.valid('query').limit });
      return c.json({ items: entries.map(toAuditEntryDto) }, 200);
    },
  );

  return router;
};
