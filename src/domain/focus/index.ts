export {
  completeFocusSession,
  finishFocusSession,
  type CompleteFocusSessionDeps,
} from './complete-focus-session.js';
export { focusedMinutesBetween, focusPointsFor } from './focus-points.js';
export { createFocusRepo, focusIndexes, type FocusRepo, type FocusSessionDoc } from './focus-repo.js';
export {
  ActiveFocusSessionSchema,
  CompleteFocusSessionResultSchema,
  FocusSessionIdSchema,
  FocusSessionSchema,
  FocusSessionStatusSchema,
  ListFocusSessionsSchema,
  StartFocusSessionSchema,
  StopFocusSessionResultSchema,
  type ActiveFocusSession,
  type CompleteFocusSessionResult,
  type FocusSession,
  type FocusSessionId,
  type FocusSessionStatus,
  type ListFocusSessions,
  type StartFocusSession,
  type StopFocusSessionResult,
} from './focus-schemas.js';
export { getActiveFocusSession } from './get-active-focus-session.js';
export { listFocusSessions, type ListFocusSessionsDeps } from './list-focus-sessions.js';
export { startFocusSession, type StartFocusSessionDeps } from './start-focus-session.js';
export { stopFocusSession, type StopFocusSessionDeps } from './stop-focus-session.js';
export { STALE_FOCUS_GRACE_MS, sweepStaleFocusSessions } from './sweep-stale-focus-sessions.js';
