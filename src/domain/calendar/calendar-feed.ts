import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { FocusRepo } from '../focus/focus-repo.js';
import type { TaskDoc, TaskRepo } from '../tasks/task-repo.js';
import { hashToken } from '../tokens/token-repo.js';
import type { UserRepo } from '../users/user-repo.js';
import { newId, type Clock } from '../../shared/index.js';
import type { CalendarFeedRepo } from './calendar-feed-repo.js';

// A private calendar feed (ICS) a person subscribes to in Google, Apple or Outlook calendar: their dated tasks and
// focus sessions. The URL carries a secret (only its hash is stored); making a new link revokes the old one.

/** The secret's prefix says what it is when someone finds one in a log or a calendar setting. */
const SECRET_PREFIX = 'ffcal_';
const SECRET_PATTERN = /^ffcal_[A-Za-z0-9_-]{43}$/;

export const CalendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

export type CalendarFeedDeps = { calendarFeeds: CalendarFeedRepo; audit: AuditLog; clock: Clock };

/** Makes the person's feed secret (replacing any earlier one, whose URL stops working) and returns it once. */
export const createCalendarFeed = async (
  deps: CalendarFeedDeps,
  actor: Actor,
): Promise<{ secret: string; createdAt: string }> => {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  const createdAt = deps.clock.now();
  await deps.calendarFeeds.replace({
    _id: newId('cal'),
    userId: actor.userId,
    tokenHash: hashToken(secret),
    createdAt,
  });
  await deps.audit.record(actor, 'calendar_feed.create', 'calendar_feed', null);
  return { secret, createdAt: createdAt.toISOString() };
};

/** Stops the person's feed URL from working; false when there was none. */
export const revokeCalendarFeed = async (deps: CalendarFeedDeps, actor: Actor): Promise<boolean> => {
  const removed = await deps.calendarFeeds.remove(actor.userId);
  if (removed) await deps.audit.record(actor, 'calendar_feed.revoke', 'calendar_feed', null);
  return removed;
};

export const calendarFeedStatus = async (
  deps: Pick<CalendarFeedDeps, 'calendarFeeds'>,
  userId: string,
): Promise<CalendarFeedStatus> => {
  const feed = await deps.calendarFeeds.get(userId);
  return { active: feed !== null, createdAt: feed?.createdAt.toISOString() ?? null };
};

/** One calendar entry: a dated task or a focus session, in the person's time zone. */
export type CalendarEntry =
  | {
      kind: 'task';
      id: string;
      title: string;
      notes: string | null;
      done: boolean;
      /** Timed tasks: the due instant and how long it is planned to take. */
      at: Date | null;
      minutes: number;
      /** All-day tasks: the day, YYYY-MM-DD. */
      date: string | null;
      /** RFC 5545 RRULE body (e.g. FREQ=WEEKLY;BYDAY=MO) for the open occurrence of a repeating task. */
      rrule: string | null;
      updatedAt: Date;
    }
  | { kind: 'focus'; id: string; title: string; start: Date; end: Date; updatedAt: Date };

export type Calendar = { name: string; timezone: string; entries: CalendarEntry[] };

export type CalendarReadDeps = {
  calendarFeeds: CalendarFeedRepo;
  users: UserRepo;
  tasks: TaskRepo;
  focusSessions: FocusRepo;
  clock: Clock;
};

/** How much a feed holds: enough for any calendar, bounded for the server. */
const MAX_TASKS = 1_000;
const MAX_FOCUS_SESSIONS = 200;
/** Finished tasks stay on the calendar this long (what got done is worth seeing). */
const DONE_DAYS = 30;
/** A timed task without an estimate shows as a 30-minute block. */
const DEFAULT_MINUTES = 30;

const ruleBody = (rule: string): string => rule.replace(/^RRULE:/i, '');

const taskEntry = (task: TaskDoc): CalendarEntry => ({
  kind: 'task',
  id: task._id,
  title: task.title,
  notes: task.notes,
  done: task.status === 'done',
  at: task.dueDate ? null : task.dueAt,
  minutes: task.estimateMinutes ?? DEFAULT_MINUTES,
  date: task.dueDate,
  // Only the open occurrence repeats: finished ones are single entries in the past.
  rrule: task.recurrence && task.status !== 'done' ? ruleBody(task.recurrence) : null,
  updatedAt: task.updatedAt,
});

/**
 * The calendar behind a feed secret, or null for an unknown or revoked one (the caller answers 404 either way).
 * Dated open tasks, tasks finished in the last 30 days, and focus sessions.
 */
export const calendarOfFeed = async (deps: CalendarReadDeps, secret: string): Promise<Calendar | null> => {
  if (!SECRET_PATTERN.test(secret)) return null;
  const feed = await deps.calendarFeeds.findByHash(hashToken(secret));
  if (!feed) return null;
  return calendarOfUser(deps, feed.userId);
};

/** The person's calendar as a feed shows it (also part of their data export); null for an unknown person. */
export const calendarOfUser = async (deps: CalendarReadDeps, userId: string): Promise<Calendar | null> => {
  const user = await deps.users.get(userId);
  if (!user) return null;
  const doneSince = new Date(deps.clock.now().getTime() - DONE_DAYS * 86_400_000);
  const [tasks, sessions] = await Promise.all([
    deps.tasks.find(
      user._id,
      {
        deletedAt: null,
        dueAt: { $ne: null },
        $or: [
          { status: { $in: ['todo', 'in_progress'] } },
          { status: 'done', completedAt: { $gte: doneSince } },
        ],
      },
      { sort: { dueSortAt: 1, _id: 1 }, limit: MAX_TASKS },
    ),
    deps.focusSessions.list(user._id, undefined, MAX_FOCUS_SESSIONS),
  ]);
  const focus = sessions.map((session): CalendarEntry => ({
    kind: 'focus',
    id: session._id,
    title: session.label ? `Focus: ${session.label}` : 'Focus session',
    start: session.startedAt,
    end: session.endedAt ?? new Date(session.startedAt.getTime() + session.plannedMinutes * 60_000),
    updatedAt: session.updatedAt,
  }));
  return { name: user.name, timezone: user.timezone, entries: [...tasks.map(taskEntry), ...focus] };
};
