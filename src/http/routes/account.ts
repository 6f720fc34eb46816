import { createRoute, z } from '@hono/zod-openapi';
import {
  ConfirmDeletionSchema,
  deleteAccount,
  DeletionRequestSchema,
  EXPORT_FORMAT,
  exportAccount,
  LinkCodeInputSchema,
  linkedMessage,
  linkWithCode,
  requestAccountDeletion,
  type AccountService,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';
import { errorResponses } from '../errors.js';
import { createRouter, json, secured } from '../openapi.js';

const ExportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    exportedAt: z.iso.datetime(),
    profile: z.record(z.string(), z.unknown()),
    calendarIcs: z
      .string()
      .nullable()
      .describe('Your calendar (dated tasks, focus sessions) as iCalendar text'),
  })
  .catchall(z.array(z.unknown()))
  .describe('One array per kind of record (tasks, mood_logs, points_ledger, memories, audit_log…)');

const LinkedSchema = z.object({
  userId: z.string().describe('The one account from now on'),
  outcome: z.enum(['linked', 'merged', 'same']),
  message: z.string(),
});

/** Streams text chunks as UTF-8; a failure midway ends the stream early, so the JSON stays visibly unfinished. */
const toStream = (chunks: AsyncIterable<string>): ReadableStream<Uint8Array> => {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    cancel: async () => {
      await iterator.return?.();
    },
  });
};

/** Reads DELETE /me's optional body: none asks for a confirmation code, `{confirmation}` deletes. */
const confirmationOf = async (text: string): Promise<string | null> => {
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.', { cause: error });
  }
  const result = ConfirmDeletionSchema.safeParse(parsed);
  if (!result.success)
    throw new AppError(
      'VALIDATION_FAILED',
      'Send {"confirmation": "<code>"} with the code from the first call.',
    );
  return result.data.confirmation;
};

/** /me/export and DELETE /me: take your data with you, or delete your account and everything in it. */
export const accountRoutes = (account: AccountService) => {
  const router = createRouter();

  // Documented like every route, served as a plain one: the body is a stream, not a value the schema checks.
  router.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: '/me/export',
      tags: ['Profile'],
      summary:
        'Download everything FocusForge holds about you, as JSON (secrets such as token hashes left out)',
      security: secured,
      responses: { 200: json(ExportSchema, 'Your data'), 401: errorResponses[401] },
    }),
  );
  router.get('/me/export', async (c) => {
    const chunks = await exportAccount(account, c.var.userId);
    const day = account.clock.now().toISOString().slice(0, 10);
    return c.body(toStream(chunks), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="focusforge-export-${day}.json"`,
      'Cache-Control': 'no-store',
    });
  });

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/me',
      tags: ['Profile'],
      summary:
        'Delete your account: without a body, returns what would go and a code valid 10 minutes; send the code back to delete',
      security: secured,
      request: {
        body: { content: { 'application/json': { schema: ConfirmDeletionSchema } }, required: false },
      },
      responses: {
        202: json(DeletionRequestSchema, 'Nothing deleted yet: confirm with this code'),
        204: { description: 'Deleted, with everything in it' },
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const actor = { userId: c.var.userId, via: 'api' as const };
      const confirmation = await confirmationOf(await c.req.text());
      if (confirmation === null) return c.json(await requestAccountDeletion(account, actor), 202);
      await deleteAccount(account, actor, { confirmation });
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/link',
      tags: ['Profile'],
      summary:
        'Join your account to the one that made a link code (POST /me/link-codes): your data moves into it and your tokens act as it',
      security: secured,
      request: { body: { content: { 'application/json': { schema: LinkCodeInputSchema } }, required: true } },
      responses: {
        200: json(LinkedSchema, 'One account now'),
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const result = await linkWithCode(account, { userId: c.var.userId }, c.req.valid('json').code);
      return c.json({ ...result, message: linkedMessage(result) }, 200);
    },
  );
  return router;
};
