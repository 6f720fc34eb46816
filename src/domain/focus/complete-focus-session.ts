import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import {
  celebrateCompletion,
  type CelebrateCompletionDeps,
  type Celebration,
} from '../gamification/index.js';
import { focusedMinutesBetween, focusPointsFor, plannedEndOf } from './focus-points.js';
import { toFocusSession, type FocusRepo, type FocusSessionDoc } from './focus-repo.js';
import {
  FocusSessionIdSchema,
  type CompleteFocusSessionResult,
  type FocusSessionId,
} from './focus-schemas.js';

export type CompleteFocusSessionDeps = CelebrateCompletionDeps & { focusSessions: FocusRepo };

export const focusSessionNotFound = () =>
  new AppError('FOCUS_SESSION_NOT_FOUND', "I couldn't find that focus session.");

/**
 * Ends a running block as completed and celebrates it (points once per session, via `focus_completed:<id>`).
 * `auto` completes a block whose planned time ran out without anyone pressing "complete".
 */
export const finishFocusSession = async (
  deps: CompleteFocusSessionDeps,
  actor: Actor,
  session: FocusSessionDoc,
  auto = false,
): Promise<{ ended: FocusSessionDoc | null; celebration: Celebration | null }> => {
  const now = deps.clock.now();
  const plannedEnd = plannedEndOf(session.startedAt, session.plannedMinutes);
  const endedAt = auto && plannedEnd.getTime() < now.getTime() ? plannedEnd : now;
  const focusedMinutes = focusedMinutesBetween(session.startedAt, endedAt, session.plannedMinutes);
  const ended = await deps.focusSessions.end(
    actor.userId,
    session._id,
    { status: 'completed', endedAt, focusedMinutes, endReason: auto ? 'auto_completed' : 'completed' },
    now,
  );
  if (!ended) return { ended: null, celebration: null };
  await deps.audit.record(
    actor,
    auto ? 'focus.auto_completed' : 'focus.completed',
    'focus_session',
    session._id,
    { focusedMinutes },
  );
  const celebration = await celebrateCompletion(deps, actor, {
    key: `focus_completed:${session._id}`,
    reason: 'focus_completed',
    refId: session._id,
    points: focusPointsFor(focusedMinutes),
    completedAt: endedAt,
  });
  if (celebration.isNew) {
    await deps.focusSessions.setPoints(actor.userId, session._id, celebration.pointsAwarded);
    ended.pointsAwarded = celebration.pointsAwarded;
  }
  return { ended, celebration };
};

/** Completes a focus block: points for the minutes focused, and the day counts for the streak. Repeating is harmless. */
export const completeFocusSession = async (
  deps: CompleteFocusSessionDeps,
  actor: Actor,
  input: FocusSessionId,
): Promise<CompleteFocusSessionResult> => {
  const { id: sessionId } = FocusSessionIdSchema.parse(input);
  const session = await deps.focusSessions.get(actor.userId, sessionId);
  if (!session) throw focusSessionNotFound();
  const { ended, celebration } =
    session.status === 'active'
      ? await finishFocusSession(deps, actor, session)
      : { ended: null, celebration: null };
  if (ended && celebration) {
    const minutes = ended.focusedMinutes === 1 ? '1 minute' : `${ended.focusedMinutes} minutes`;
    return {
      session: toFocusSession(ended, deps.clock.now()),
      celebration,
      message: `Focus block done: ${minutes} of focus. ${celebration.message}`,
    };
  }
  const current = (await deps.focusSessions.get(actor.userId, sessionId)) ?? session;
  if (current.status === 'stopped') {
    throw new AppError(
      'CONFLICT',
      'That focus block was already stopped. Start a new one whenever you like.',
    );
  }
  return {
    session: toFocusSession(current, deps.clock.now()),
    celebration: null,
    message: 'That focus block is already complete, and its points were counted once.',
  };
};
