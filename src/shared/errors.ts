import { isDependencyOutage } from './dependency-errors.js';

/** Every failure the product knows about has one of these codes; edges translate them (HTTP, MCP, chat, jobs). */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TASK_NOT_FOUND'
  | 'REWARD_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'TOKEN_NOT_FOUND'
  | 'IDENTITY_TAKEN'
  | 'LINK_CODE_INVALID'
  | 'CONFLICT'
  | 'INSUFFICIENT_POINTS'
  | 'FOCUS_SESSION_ACTIVE'
  | 'FOCUS_SESSION_NOT_FOUND'
  | 'DECLINED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const defaultStatus: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  REWARD_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  IDENTITY_TAKEN: 409,
  LINK_CODE_INVALID: 400,
  CONFLICT: 409,
  INSUFFICIENT_POINTS: 409,
  FOCUS_SESSION_ACTIVE: 409,
  FOCUS_SESSION_NOT_FOUND: 404,
  DECLINED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type AppErrorOptions = {
  status?: number;
  retryable?: boolean;
  cause?: unknown;
  /** Safe, structured detail for the caller (e.g. which fields failed). Never secrets. */
  details?: unknown;
};

/** The one error type of FocusForge: `userMessage` is safe to show to a person or a model. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: unknown;

  constructor(code: ErrorCode, userMessage: string, options: AppErrorOptions = {}) {
    super(userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.status = options.status ?? defaultStatus[code];
    this.retryable = options.retryable ?? (code === 'UNAVAILABLE' || code === 'RATE_LIMITED');
    this.details = options.details;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** PostgreSQL, the local store (decision 0013), cannot keep a NUL character in a document: bad input, not ours. */
const isUnstorableText = (error: unknown): boolean =>
  error instanceof Error && error.message.includes('(SQLSTATE 22P05)');

/** Turns anything thrown into an AppError, hiding internals behind a generic message. */
export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (isUnstorableText(error)) {
    return new AppError(
      'VALIDATION_FAILED',
      'Text with a NUL character (\\u0000) cannot be saved; remove it.',
      {
        cause: error,
      },
    );
  }
  if (isDependencyOutage(error)) {
    return new AppError(
      'UNAVAILABLE',
      "I can't reach my storage right now. Nothing was lost; please try again in a moment.",
      { cause: error },
    );
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. Nothing was lost; please try again.', {
    cause: error,
  });
};
