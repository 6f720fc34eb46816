import { finishFocusSession, type CompleteFocusSessionDeps } from './complete-focus-session.js';
import { plannedEndOf } from './focus-points.js';

/** How long after its planned end a forgotten block is closed for the person. */
export const STALE_FOCUS_GRACE_MS = 60 * 60_000;

/**
 * Closes focus blocks nobody ended, an hour after their planned end, as `auto_completed`: the person keeps the
 * points for the time they planned (no penalty for forgetting to press stop) and their next block can start.
 * Returns how many were closed.
 */
export const sweepStaleFocusSessions = async (
  deps: CompleteFocusSessionDeps,
  batch = 200,
): Promise<number> => {
  const now = deps.clock.now().getTime();
  const candidates = await deps.focusSessions.runningSince(new Date(now - STALE_FOCUS_GRACE_MS), batch);
  let closed = 0;
  for (const session of candidates) {
    const plannedEnd = plannedEndOf(session.startedAt, session.plannedMinutes).getTime();
    if (plannedEnd + STALE_FOCUS_GRACE_MS > now) continue;
    const { ended } = await finishFocusSession(
      deps,
      { userId: session.userId, via: 'system' },
      session,
      true,
    );
    if (ended) closed++;
  }
  return closed;
};
