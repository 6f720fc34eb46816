import type { Clock } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { toFocusSession, type FocusRepo } from './focus-repo.js';
import { ListFocusSessionsSchema, type FocusSession, type ListFocusSessions } from './focus-schemas.js';

export type ListFocusSessionsDeps = { focusSessions: FocusRepo; clock: Clock };

/** Recent focus blocks, newest first, optionally by status. */
export const listFocusSessions = async (
  deps: ListFocusSessionsDeps,
  actor: Actor,
  input: ListFocusSessions = {},
): Promise<FocusSession[]> => {
  const { status, limit } = ListFocusSessionsSchema.parse(input);
  const now = deps.clock.now();
  return (await deps.focusSessions.list(actor.userId, status, limit)).map((doc) => toFocusSession(doc, now));
};
