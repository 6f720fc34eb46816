import type { CallToolResult } from '@modelcontextprotocol/server';
import { ZodError } from 'zod';
import { AppError, toAppError, type Logger } from '../shared/index.js';
import type { ToolPresentation } from './tool.js';

/** `_meta` key on an `isError` result carrying the machine-readable error code (the text is for the model). */
export const ERROR_META_KEY = 'focusforge/error';

/**
 * A structured result with its text mirror, as the spec asks for clients without structured output: the same JSON,
 * or the tool's own compact text (one line per task) plus resource links a host can open.
 */
export const toolResult = (
  output: Record<string, unknown>,
  presentation?: ToolPresentation,
): CallToolResult => ({
  content: [
    { type: 'text', text: presentation?.text ?? JSON.stringify(output) },
    ...(presentation?.links ?? []).map((link) => ({
      type: 'resource_link' as const,
      uri: link.uri,
      name: link.name,
      mimeType: 'application/json',
    })),
  ],
  structuredContent: output,
});

/** Zod issues as one short line a model can act on: "title: Too small; dueAt: Invalid ISO datetime". */
export const describeZodIssues = (error: ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    .join('; ');

/** Translates anything a tool throws into a domain error whose message is safe for a model to read. */
export const toSafeError = (error: unknown): AppError => {
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', `Invalid input. ${describeZodIssues(error)}`, { cause: error });
  }
  return toAppError(error);
};

/** An `isError` tool result: the safe message as text and the code in `_meta`; internals go to the log only. */
export const toolError = (error: unknown, logger: Logger, toolName: string): CallToolResult => {
  const appError = toSafeError(error);
  if (appError.status >= 500)
    logger.error({ err: appError.cause ?? appError, tool: toolName, code: appError.code }, 'tool failed');
  else logger.debug({ tool: toolName, code: appError.code }, 'tool refused');
  // `details` is safe by contract (e.g. which fields failed, the id of the focus block already running).
  const details = appError.details === undefined ? '' : `\nDetails: ${JSON.stringify(appError.details)}`;
  return {
    content: [{ type: 'text', text: `${appError.userMessage}${details}` }],
    isError: true,
    _meta: {
      [ERROR_META_KEY]: {
        code: appError.code,
        retryable: appError.retryable,
        ...(appError.details === undefined ? {} : { details: appError.details }),
      },
    },
  };
};
