import { createRoute } from '@hono/zod-openapi';
import {
  EmailStatusSchema,
  getEmailStatus,
  removeEmailAddress,
  RequestEmailSchema,
  requestEmailVerification,
  verifyEmailAddress,
  VerifyEmailSchema,
  type Domain,
} from '../../domain/index.js';
import { errorContent, errorResponses } from '../errors.js';
import { body, createRouter, json, secured } from '../openapi.js';

const tooMany = { description: 'Too many codes asked for, or too many wrong tries', content: errorContent };

/** /me/email: add an address, prove it with the code mailed to it, or remove it. */
export const emailRoutes = (domain: Domain) => {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/me/email',
      tags: ['Profile'],
      summary: 'Your email address: verified, waiting for its code, or bouncing',
      security: secured,
      responses: { 200: json(EmailStatusSchema, 'Email status'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await getEmailStatus(domain, c.var.userId), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/email',
      tags: ['Profile'],
      summary:
        'Add an email address: a six-digit code (valid 30 minutes) is mailed to it; nothing else until verified',
      security: secured,
      request: body(RequestEmailSchema),
      responses: {
        202: json(EmailStatusSchema, 'Code sent'),
        400: errorResponses[400],
        401: errorResponses[401],
        409: errorResponses[409],
        429: tooMany,
      },
    }),
    async (c) =>
      c.json(
        await requestEmailVerification(
          domain,
          { userId: c.var.userId, via: 'api' },
          c.req.valid('json').address,
        ),
        202,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/email/verify',
      tags: ['Profile'],
      summary: 'Verify the address with the code from the mail; it then receives what you route to email',
      security: secured,
      request: body(VerifyEmailSchema),
      responses: {
        200: json(EmailStatusSchema, 'Verified'),
        400: errorResponses[400],
        401: errorResponses[401],
        409: errorResponses[409],
        429: tooMany,
      },
    }),
    async (c) =>
      c.json(
        await verifyEmailAddress(domain, { userId: c.var.userId, via: 'api' }, c.req.valid('json').code),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me/email',
      tags: ['Profile'],
      summary: 'Remove your email address and stop email (reminders go to the web inbox)',
      security: secured,
      responses: { 200: json(EmailStatusSchema, 'Removed'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await removeEmailAddress(domain, { userId: c.var.userId, via: 'api' }), 200),
  );

  return router;
};
