/** What every layer shares: errors, logging, time, ids, text checks and the MongoDB handle. */
export { AppError, isAppError, toAppError } from './errors.js';
export { createLogger, redactUrl, type Logger } from './logger.js';
export { fixedClock, systemClock, type Clock } from './clock.js';
export { withDeadline } from './deadline.js';
export { newId } from './ids.js';
export { singleLineText, toSingleLine } from './text.js';
export {
  closeDatabase,
  connectDatabase,
  countMatching,
  ensureIndexes,
  escapeRegex,
  isDuplicateKeyError,
  type CollectionIndexes,
  type Database,
} from './db.js';
