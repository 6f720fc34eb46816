import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../shared/index.js';
import type { ReminderSource } from './reminder-times.js';

type ActiveFocusSession = {
  _id: string;
  userId: string;
  taskId: string | null;
  label: string | null;
  plannedMinutes: number;
  startedAt: Date;
};

/**
 * Where timers come from: the only reads across users (the safety-net scan, a timer's task or focus session at
 * delivery, the people with check-ins). Every result still carries its owner's userId.
 */
export type TimerSources = {
  /** Tasks written after the (time, id) position, oldest first: the source of reminder (re)planning. */
  tasksChangedAfter: (
    after: { at: Date; id: string },
    limit: number,
  ) => Promise<(ReminderSource & { updatedAt: Date })[]>;
  task: (taskId: string) => Promise<(ReminderSource & { title: string; updatedAt: Date }) | null>;
  activeFocusSessions: () => Promise<ActiveFocusSession[]>;
  focusSession: (id: string) => Promise<{
    _id: string;
    userId: string;
    status: string;
    label: string | null;
    plannedMinutes: number;
  } | null>;
  usersWithCheckins: () => Promise<
    { _id: string; timezone: string; checkins: { morning: string | null; evening: string | null } }[]
  >;
};

/** The indexes these reads need (ensured with the domain's). */
export const timerSourceIndexes: CollectionIndexes[] = [
  { collection: 'tasks', indexes: [{ key: { updatedAt: 1 }, name: 'updated_at' }] },
  { collection: 'focus_sessions', indexes: [{ key: { status: 1, startedAt: 1 }, name: 'status_started' }] },
];

const reminderFields = {
  _id: 1,
  userId: 1,
  status: 1,
  dueAt: 1,
  reminders: 1,
  deletedAt: 1,
  updatedAt: 1,
  title: 1,
} as const;

export const createTimerSources = (db: Db): TimerSources => ({
  tasksChangedAfter: (after, limit) =>
    db
      .collection<ReminderSource & { updatedAt: Date }>('tasks')
      .find(
        { $or: [{ updatedAt: { $gt: after.at } }, { updatedAt: after.at, _id: { $gt: after.id } }] },
        { projection: reminderFields },
      )
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .toArray(),
  task: (taskId) =>
    db
      .collection<ReminderSource & { title: string; updatedAt: Date }>('tasks')
      .findOne({ _id: taskId }, { projection: reminderFields }),
  activeFocusSessions: () =>
    db
      .collection<ActiveFocusSession & { status: string }>('focus_sessions')
      .find({ status: 'active' })
      .limit(10_000)
      .toArray(),
  focusSession: (id) =>
    db
      .collection<{
        _id: string;
        userId: string;
        status: string;
        label: string | null;
        plannedMinutes: number;
      }>('focus_sessions')
      .findOne({ _id: id }),
  usersWithCheckins: () =>
    db
      .collection<{
        _id: string;
        timezone: string;
        preferences: { checkins?: { morning: string | null; evening: string | null } };
      }>('users')
      .find({
        $or: [
          { 'preferences.checkins.morning': { $type: 'string' } },
          { 'preferences.checkins.evening': { $type: 'string' } },
        ],
        deletingAt: null, // an account being deleted gets no new check-ins
      })
      .limit(100_000)
      .toArray()
      .then((users) =>
        users.map((u) => ({
          _id: u._id,
          timezone: u.timezone,
          checkins: u.preferences.checkins ?? { morning: null, evening: null },
        })),
      ),
});
