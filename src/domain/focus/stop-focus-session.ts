import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { focusSessionNotFound } from './complete-focus-session.js';
import { focusedMinutesBetween } from './focus-points.js';
import { toFocusSession, type FocusRepo } from './focus-repo.js';
import { FocusSessionIdSchema, type FocusSessionId, type StopFocusSessionResult } from './focus-schemas.js';

export type StopFocusSessionDeps = { focusSessions: FocusRepo; audit: AuditLog; clock: Clock };

const kindWords = (minutes: number): string =>
  minutes === 0
    ? 'Stopped. Starting is the hardest part, and you did that.'
    : `Stopped after ${minutes === 1 ? '1 minute' : `${minutes} minutes`} of focus. That still counts as time well spent.`;

/** Ends a running block early. Nothing is taken away; stopping twice is harmless. */
export const stopFocusSession = async (
  deps: StopFocusSessionDeps,
  actor: Actor,
  input: FocusSessionId,
): Promise<StopFocusSessionResult> => {
  const { id: sessionId } = FocusSessionIdSchema.parse(input);
  const session = await deps.focusSessions.get(actor.userId, sessionId);
  if (!session) throw focusSessionNotFound();
  const now = deps.clock.now();
  if (session.status === 'active') {
    const focusedMinutes = focusedMinutesBetween(session.startedAt, now, session.plannedMinutes);
    const ended = await deps.focusSessions.end(
      actor.userId,
      sessionId,
      { status: 'stopped', endedAt: now, focusedMinutes, endReason: 'stopped' },
      now,
    );
    if (ended) {
      await deps.audit.record(actor, 'focus.stopped', 'focus_session', sessionId, { focusedMinutes });
      return { session: toFocusSession(ended, now), message: kindWords(focusedMinutes) };
    }
  }
  const current = (await deps.focusSessions.get(actor.userId, sessionId)) ?? session;
  if (current.status === 'completed') {
    throw new AppError('CONFLICT', 'That focus block is already complete, so there is nothing to stop.');
  }
  return { session: toFocusSession(current, now), message: kindWords(current.focusedMinutes) };
};
