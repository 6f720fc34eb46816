/** Why a chain answered from its offline implementation instead of the model. */
export type FallbackReason =
  | 'not_configured'
  | 'circuit_open'
  | 'timeout'
  | 'rate_limited'
  | 'unavailable'
  | 'rejected'
  | 'invalid_output';

/** What a failed call is recorded as in `llm_usage`. */
export type CallOutcome = 'ok' | Exclude<FallbackReason, 'not_configured' | 'circuit_open'>;

const statusOf = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
};

const nameOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : '';

/** True for failures that say the server does not accept what we asked for (as opposed to being down). */
export const isRequestRejected = (error: unknown): boolean => {
  const status = statusOf(error);
  return status === 400 || status === 404 || status === 422;
};

/** Maps anything the client throws to a fallback reason, without looking at (or keeping) secret-bearing details. */
export const classifyFailure = (error: unknown): Exclude<CallOutcome, 'ok'> => {
  const name = nameOf(error);
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (name === 'SyntaxError') return 'invalid_output'; // a 200 whose body is not JSON
  const status = statusOf(error);
  if (status === 429) return 'rate_limited';
  if (status !== undefined && status >= 400 && status < 500) return 'rejected';
  return 'unavailable';
};

/** A short, secret-free description for logs: the class of failure and the HTTP status, never the message text. */
export const describeFailure = (error: unknown): { kind: string; status: number | undefined } => ({
  kind: nameOf(error) || typeof error,
  status: statusOf(error),
});

/** The kind of a failed call as /metrics counts it: timeout, HTTP status class, unparsable answer, or no answer. */
export type LlmErrorKind = 'timeout' | 'http_4xx' | 'http_5xx' | 'parse' | 'network';

export const errorKindOf = (error: unknown): LlmErrorKind => {
  const outcome = classifyFailure(error);
  if (outcome === 'timeout') return 'timeout';
  if (outcome === 'invalid_output') return 'parse';
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return 'http_4xx';
  if (status !== undefined && status >= 500) return 'http_5xx';
  return 'network';
};
