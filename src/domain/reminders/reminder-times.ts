/** A reminder that should go out: one per task, due time and offset. */
export type PlannedReminder = {
  /** Also the BullMQ job id and the notification occurrence key: stable for this task, due time and offset. */
  key: string;
  taskId: string;
  userId: string;
  dueAtMs: number;
  offsetMinutes: number;
  sendAt: Date;
};

export type ReminderSource = {
  _id: string;
  userId: string;
  status: string;
  dueAt: Date | null;
  reminders: number[];
  deletedAt: Date | null;
  /** When the task was last written; reminders already past by then are not planned (see remindersToPlan). */
  updatedAt?: Date;
};

/** A reminder this much later than planned counts as missed (deferrals for quiet hours never do). */
export const MISSED_TOLERANCE_MS = 2 * 60_000;

/** Reminders older than this when first planned are not sent at all (e.g. after restoring an old backup). */
export const PLAN_LOOKBACK_MS = 12 * 60 * 60_000;

/** The moment a reminder `offsetMinutes` before `dueAtMs` goes out. */
export const reminderSendAtMs = (dueAtMs: number, offsetMinutes: number): number =>
  dueAtMs - offsetMinutes * 60_000;

export const reminderKey = (taskId: string, dueAtMs: number, offsetMinutes: number): string =>
  `rem.${taskId}.${dueAtMs}.${offsetMinutes}`;

/** Parses a reminder key back; null when it is not one. */
export const parseReminderKey = (
  key: string,
): { taskId: string; dueAtMs: number; offsetMinutes: number } | null => {
  const match = /^rem\.(task_[0-9a-z]+)\.(\d+)\.(\d+)$/.exec(key);
  if (!match) return null;
  return { taskId: match[1]!, dueAtMs: Number(match[2]), offsetMinutes: Number(match[3]) };
};

/** The reminders a task wants right now: none once it is done, archived or deleted, or when it has no due time. */
export const plannedReminders = (task: ReminderSource): PlannedReminder[] => {
  if (!task.dueAt || task.deletedAt || task.status === 'done' || task.status === 'archived') return [];
  const dueAtMs = task.dueAt.getTime();
  return [...new Set(task.reminders)].map((offsetMinutes) => ({
    key: reminderKey(task._id, dueAtMs, offsetMinutes),
    taskId: task._id,
    userId: task.userId,
    dueAtMs,
    offsetMinutes,
    sendAt: new Date(reminderSendAtMs(dueAtMs, offsetMinutes)),
  }));
};

/** Whether a reminder still matches its task at delivery time (the person may have acted since). */
export const isStillWanted = (task: ReminderSource | null, key: string): boolean => {
  const parsed = parseReminderKey(key);
  if (!task || !parsed) return false;
  return plannedReminders(task).some((r) => r.key === key);
};

/**
 * The reminders worth a job: a reminder whose time had already passed (beyond the missed tolerance) when the task was
 * written could never have been sent, so it is skipped rather than reported later as "missed" (issue 15: a task made
 * 3 minutes before due with a 15-minute reminder got "I couldn't reach you earlier"). One planned before its time and
 * delivered late (the system was down) is still a genuinely missed reminder.
 */
export const remindersToPlan = (task: ReminderSource): PlannedReminder[] => {
  const written = task.updatedAt?.getTime();
  const planned = plannedReminders(task);
  return written === undefined
    ? planned
    : planned.filter((r) => r.sendAt.getTime() >= written - MISSED_TOLERANCE_MS);
};
