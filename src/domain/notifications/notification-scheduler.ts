/** The timed side of notifications, implemented by the jobs layer (BullMQ); the core only asks for it. */
export type NotificationScheduler = {
  /** Reminds about the task again at `until` (one reminder per task and minute, however often asked). */
  scheduleSnooze: (userId: string, taskId: string, until: Date) => Promise<void>;
  /** "Start mode": checks back on a first step after a few minutes. */
  scheduleCheckback: (userId: string, taskId: string, at: Date) => Promise<void>;
};
