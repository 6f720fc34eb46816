import { DateTime } from 'luxon';
import type { DeliveryRequest } from '../notifications/deliver-notification.js';
import type { UserDoc } from '../users/user-repo.js';
import type { Channel } from '../users/user-schemas.js';
import {
  checkbackMessage,
  checkinMessage,
  escalationMessage,
  focusEndMessage,
  missedReminderMessage,
  reminderMessage,
  snoozedReminderMessage,
} from './reminder-messages.js';
import {
  isStillWanted,
  MISSED_TOLERANCE_MS,
  PLAN_LOOKBACK_MS,
  reminderSendAtMs,
  remindersToPlan,
  type ReminderSource,
} from './reminder-times.js';
import type { TimerSources } from './timer-sources.js';

/** A timed, user-facing message: its `key` is both the job id and the notification occurrence key. */
export type TimerJob =
  | {
      type: 'reminder';
      key: string;
      userId: string;
      taskId: string;
      dueAtMs: number;
      offsetMinutes: number;
      deferred?: boolean;
    }
  | { type: 'snooze'; key: string; userId: string; taskId: string; deferred?: boolean }
  | { type: 'checkback'; key: string; userId: string; taskId: string; deferred?: boolean }
  | {
      type: 'escalate';
      key: string;
      userId: string;
      taskId: string;
      sentAtMs: number;
      channel: string;
      deferred?: boolean;
    }
  | { type: 'focus_end'; key: string; userId: string; sessionId: string; deferred?: boolean }
  | { type: 'checkin'; key: string; userId: string; which: 'morning' | 'evening'; deferred?: boolean };

/** A timer and the moment it fires. */
export type Timer = { job: TimerJob; at: Date };

/** What to do with a reminder that could not go out on time (the system was down): send it, skip it, or ask. */
export type MissedReminderPolicy = 'send_now' | 'skip' | 'ask';

/** Adds a timer; one with a key that exists already is left as it is. */
export type AddTimer = (job: TimerJob, at: Date) => Promise<void>;

const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

const isOpen = (status: string | undefined) => status === 'todo' || status === 'in_progress';

/** The reminder timers a batch of written tasks needs (the ones too old to matter are dropped). */
export const reminderTimers = (tasks: ReminderSource[], now: Date): Timer[] =>
  tasks
    .flatMap(remindersToPlan)
    .filter((r) => r.sendAt.getTime() >= now.getTime() - PLAN_LOOKBACK_MS)
    .map((r) => ({
      job: {
        type: 'reminder',
        key: r.key,
        userId: r.userId,
        taskId: r.taskId,
        dueAtMs: r.dueAtMs,
        offsetMinutes: r.offsetMinutes,
      },
      at: r.sendAt,
    }));

/** One snooze per task and minute, however often asked. */
export const snoozeTimer = (userId: string, taskId: string, until: Date): Timer => ({
  job: { type: 'snooze', key: `snz.${taskId}.${minuteOf(until)}`, userId, taskId },
  at: until,
});

export const checkbackTimer = (userId: string, taskId: string, at: Date): Timer => ({
  job: { type: 'checkback', key: `chk.${taskId}.${minuteOf(at)}`, userId, taskId },
  at,
});

/** Offers every active focus session's end-of-block timer; returns how many sessions are active. */
export const planFocusEnds = async (deps: { sources: TimerSources; addTimer: AddTimer }) => {
  const sessions = await deps.sources.activeFocusSessions();
  for (const s of sessions) {
    const endsAt = new Date(s.startedAt.getTime() + s.plannedMinutes * 60_000);
    await deps.addTimer(
      { type: 'focus_end', key: `focus.${s._id}`, userId: s.userId, sessionId: s._id },
      endsAt,
    );
  }
  return sessions.length;
};

/** Schedules each person's morning plan and evening review at their local time, once per local day. */
export const planCheckins = async (
  deps: { sources: TimerSources; addTimer: AddTimer },
  now: Date,
): Promise<number> => {
  let scheduled = 0;
  for (const user of await deps.sources.usersWithCheckins()) {
    for (const which of ['morning', 'evening'] as const) {
      const time = user.checkins[which];
      if (!time) continue;
      const [hour = 0, minute = 0] = time.split(':').map(Number);
      let at = DateTime.fromJSDate(now, { zone: user.timezone }).set({
        hour,
        minute,
        second: 0,
        millisecond: 0,
      });
      if (at.toMillis() <= now.getTime()) at = at.plus({ days: 1 });
      const key = `cin.${user._id}.${which}.${at.toISODate()}`;
      await deps.addTimer({ type: 'checkin', key, userId: user._id, which }, at.toJSDate());
      scheduled++;
    }
  }
  return scheduled;
};

export type TimerMessageDeps = { sources: TimerSources; missedPolicy: MissedReminderPolicy };

/** Builds the message a timer should deliver, or null when the person has already acted (or it is not wanted). */
export const timerMessage = async (
  deps: TimerMessageDeps,
  data: TimerJob,
  user: UserDoc,
  now: Date,
): Promise<Omit<DeliveryRequest, 'userId' | 'occurrenceKey'> | null> => {
  switch (data.type) {
    case 'reminder': {
      const task = await deps.sources.task(data.taskId);
      if (!task || task.userId !== data.userId || !isStillWanted(task, data.key)) return null;
      const dueAt = new Date(data.dueAtMs);
      const sendAt = reminderSendAtMs(data.dueAtMs, data.offsetMinutes);
      const isMissed = !data.deferred && now.getTime() - sendAt > MISSED_TOLERANCE_MS;
      if (isMissed && deps.missedPolicy === 'skip') return null;
      const message =
        isMissed && deps.missedPolicy === 'ask'
          ? missedReminderMessage(task, dueAt, user.timezone)
          : reminderMessage(task, dueAt, data.offsetMinutes, user.timezone);
      return { message };
    }
    case 'snooze':
    case 'checkback':
    case 'escalate': {
      const task = await deps.sources.task(data.taskId);
      if (!task || task.userId !== data.userId || task.deletedAt || !isOpen(task.status)) return null;
      if (data.type === 'snooze') return { message: snoozedReminderMessage(task) };
      if (data.type === 'checkback') return { message: checkbackMessage(task) };
      if (task.updatedAt.getTime() > data.sentAtMs) return null; // they touched the task since: not ignored
      return { message: escalationMessage(task), channel: data.channel as Channel };
    }
    case 'focus_end': {
      const session = await deps.sources.focusSession(data.sessionId);
      if (!session || session.userId !== data.userId || session.status !== 'active') return null;
      return { message: focusEndMessage(session.label, session.plannedMinutes) };
    }
    case 'checkin':
      return { message: checkinMessage(data.which) };
  }
};

/** Seconds a reminder went out after its planned moment; null for other timers and quiet-hours deferrals. */
export const reminderLatenessSeconds = (data: TimerJob, now: Date): number | null =>
  data.type === 'reminder' && !data.deferred
    ? (now.getTime() - reminderSendAtMs(data.dueAtMs, data.offsetMinutes)) / 1000
    : null;

/**
 * A reminder that went out on one channel is followed, if the person asked for it, by a nudge on their escalation
 * channel after a while; it is dropped then if they touched the task since (see timerMessage).
 */
export const escalationTimer = (user: UserDoc, data: TimerJob, sentOn: Channel, now: Date): Timer | null => {
  const escalation = user.preferences.escalation;
  if (data.type !== 'reminder' || !escalation || escalation.channel === sentOn) return null;
  return {
    job: {
      type: 'escalate',
      key: `${data.key}.esc`,
      userId: data.userId,
      taskId: data.taskId,
      sentAtMs: now.getTime(),
      channel: escalation.channel,
    },
    at: new Date(now.getTime() + escalation.afterMinutes * 60_000),
  };
};
