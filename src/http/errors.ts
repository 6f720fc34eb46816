import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z, ZodError } from 'zod';
import { AppError, toAppError } from '../shared/index.js';
import type { AppEnv } from './context.js';

/** The one error body every endpoint returns. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Zod issues as short "field: problem" lines a developer or a person can act on. */
export const describeIssues = (
  error: ZodError,
): { message: string; details: { path: string; message: string }[] } => {
  const details = error.issues.map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  const summary = details
    .slice(0, 5)
    .map((d) => `${d.path}: ${d.message}`)
    .join('; ');
  return { message: `Invalid request. ${summary}`, details };
};

export const validationError = (error: ZodError): AppError => {
  const { message, details } = describeIssues(error);
  return new AppError('VALIDATION_FAILED', message, { details });
};

export const errorResponse = (c: Context<AppEnv>, thrown: unknown) => {
  const error = thrown instanceof ZodError ? validationError(thrown) : toAppError(thrown);
  const requestId = c.get('requestId') ?? 'unknown';
  if (error.status >= 500) {
    c.get('logger')?.error({ err: error.cause ?? error, code: error.code }, 'request failed');
  }
  const body = {
    error: {
      code: error.code,
      message: error.userMessage,
      requestId,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return c.json(body, error.status as ContentfulStatusCode);
};

/** Shared OpenAPI descriptions of our error responses. */
export const errorContent = { 'application/json': { schema: ErrorBodySchema } };
export const errorResponses = {
  400: { description: 'Invalid input; `error.details` lists each problem', content: errorContent },
  401: { description: 'Missing or invalid bearer token', content: errorContent },
  404: { description: 'Not found (or not yours)', content: errorContent },
  409: { description: 'Conflicts with the current state', content: errorContent },
  413: { description: 'Body too large', content: errorContent },
} as const;
