import type { Logger } from '../shared/index.js';

/** What middleware puts on every request's context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Set by bearer auth only; handlers never read a user id from the request itself. */
    userId: string;
  };
};
