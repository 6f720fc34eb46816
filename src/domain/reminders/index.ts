export {
  isStillWanted,
  MISSED_TOLERANCE_MS,
  parseReminderKey,
  PLAN_LOOKBACK_MS,
  plannedReminders,
  reminderKey,
  reminderSendAtMs,
  remindersToPlan,
  type PlannedReminder,
  type ReminderSource,
} from './reminder-times.js';
export {
  checkbackTimer,
  escalationTimer,
  planCheckins,
  planFocusEnds,
  reminderLatenessSeconds,
  reminderTimers,
  snoozeTimer,
  timerMessage,
  type AddTimer,
  type MissedReminderPolicy,
  type Timer,
  type TimerJob,
  type TimerMessageDeps,
} from './timers.js';
export { createTimerSources, timerSourceIndexes, type TimerSources } from './timer-sources.js';
export { notifyTaskWrites, type OnTaskWritten } from './task-write-hook.js';
export {
  snoozeTaskReminder,
  SnoozeResultSchema,
  SnoozeSchema,
  type SnoozeTaskReminderDeps,
} from './snooze-task-reminder.js';
