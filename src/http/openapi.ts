import type { z } from 'zod';
import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../shared/index.js';
import type { AppEnv } from './context.js';
import { validationError } from './errors.js';

/** A router whose request validation failures become our one error shape. */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const error = result.error as unknown;
        if (error && typeof error === 'object' && 'issues' in error) throw validationError(error as never);
        throw new AppError('VALIDATION_FAILED', 'Invalid request.');
      }
      return undefined;
    },
  });

export type Router = ReturnType<typeof createRouter>;

/** Marks a route as needing the bearer token in the OpenAPI document. */
export const secured = [{ bearerAuth: [] as string[] }];

/** A JSON response entry for `createRoute`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body for `createRoute`. */
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
