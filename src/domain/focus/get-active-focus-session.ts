import type { Actor } from '../audit/audit-log.js';
import { toFocusSession } from './focus-repo.js';
import type { ActiveFocusSession } from './focus-schemas.js';
import type { ListFocusSessionsDeps } from './list-focus-sessions.js';

/** The running focus block, if any (`session: null` otherwise). */
export const getActiveFocusSession = async (
  deps: ListFocusSessionsDeps,
  actor: Actor,
  _input: Record<string, never> = {},
): Promise<ActiveFocusSession> => {
  const doc = await deps.focusSessions.active(actor.userId);
  return { session: doc ? toFocusSession(doc, deps.clock.now()) : null };
};
