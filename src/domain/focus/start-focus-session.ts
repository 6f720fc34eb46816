import { AppError, newId } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { finishFocusSession, type CompleteFocusSessionDeps } from './complete-focus-session.js';
import { plannedEndOf } from './focus-points.js';
import { ACTIVE_SLOT, toFocusSession, type FocusSessionDoc } from './focus-repo.js';
import { StartFocusSessionSchema, type FocusSession, type StartFocusSession } from './focus-schemas.js';

export type StartFocusSessionDeps = CompleteFocusSessionDeps;

/**
 * Starts a focus block. One runs at a time per person, guaranteed by a unique index even when two devices start
 * at once. A previous block whose planned time is already up is completed automatically instead of blocking.
 */
export const startFocusSession = async (
  deps: StartFocusSessionDeps,
  actor: Actor,
  input: StartFocusSession,
): Promise<FocusSession> => {
  const { taskId, plannedMinutes, label } = StartFocusSessionSchema.parse(input);
  if (taskId && !(await deps.focusSessions.isOwnTask(actor.userId, taskId))) {
    throw new AppError('TASK_NOT_FOUND', "I couldn't find that task.");
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const doc: FocusSessionDoc = {
      _id: newId('fcs'),
      userId: actor.userId,
      taskId: taskId ?? null,
      label: label ? label : null,
      plannedMinutes,
      status: 'active',
      activeSlot: ACTIVE_SLOT,
      startedAt: now,
      endedAt: null,
      focusedMinutes: 0,
      endReason: null,
      pointsAwarded: 0,
      createdAt: now,
      updatedAt: now,
    };
    if (await deps.focusSessions.insertActive(doc)) {
      await deps.audit.record(actor, 'focus.started', 'focus_session', doc._id, {
        plannedMinutes,
        taskId: doc.taskId,
      });
      return toFocusSession(doc, now);
    }
    const running = await deps.focusSessions.active(actor.userId);
    if (!running) continue; // it ended a moment ago; try again
    const plannedEnd = plannedEndOf(running.startedAt, running.plannedMinutes);
    if (plannedEnd.getTime() <= now.getTime()) {
      await finishFocusSession(deps, actor, running, true);
      continue;
    }
    const minutesLeft = Math.max(1, Math.ceil((plannedEnd.getTime() - now.getTime()) / 60_000));
    throw new AppError(
      'FOCUS_SESSION_ACTIVE',
      `You're already in a focus block (${minutesLeft} min left). Complete or stop it first, no penalty either way.`,
      { details: { activeSessionId: running._id } },
    );
  }
  throw new AppError('CONFLICT', 'Another focus block started at the same moment. Please try again.', {
    retryable: true,
  });
};
