import type { Db } from 'mongodb';
import { isDuplicateKeyError, type CollectionIndexes } from '../../shared/index.js';
import { focusedMinutesBetween, plannedEndOf } from './focus-points.js';
import type { FocusSession, FocusSessionStatus } from './focus-schemas.js';

/** The `activeSlot` of a running session; ended sessions hold their own id, so only one slot can be "active". */
export const ACTIVE_SLOT = 'active';

export type FocusSessionDoc = {
  _id: string;
  userId: string;
  taskId: string | null;
  label: string | null;
  plannedMinutes: number;
  status: FocusSessionStatus;
  activeSlot: string;
  startedAt: Date;
  endedAt: Date | null;
  focusedMinutes: number;
  endReason: 'completed' | 'stopped' | 'auto_completed' | null;
  pointsAwarded: number;
  createdAt: Date;
  updatedAt: Date;
};

export type FocusEnd = Pick<FocusSessionDoc, 'status' | 'endedAt' | 'focusedMinutes' | 'endReason'>;

export type FocusRepo = {
  /** Inserts a running session; false when the person already has one running (unique {userId, activeSlot}). */
  insertActive: (session: FocusSessionDoc) => Promise<boolean>;
  get: (userId: string, sessionId: string) => Promise<FocusSessionDoc | null>;
  active: (userId: string) => Promise<FocusSessionDoc | null>;
  /** Ends a running session; null when it is not running (any more). */
  end: (userId: string, sessionId: string, end: FocusEnd, at: Date) => Promise<FocusSessionDoc | null>;
  setPoints: (userId: string, sessionId: string, points: number) => Promise<void>;
  list: (userId: string, status: FocusSessionStatus | undefined, limit: number) => Promise<FocusSessionDoc[]>;
  /** Running sessions of anyone that started before `startedBefore`, oldest first: candidates for the stale sweep. */
  runningSince: (startedBefore: Date, limit: number) => Promise<FocusSessionDoc[]>;
  /** Whether the task exists, is the person's own and is not deleted (read directly: focus does not import tasks). */
  isOwnTask: (userId: string, taskId: string) => Promise<boolean>;
};

export const focusIndexes: CollectionIndexes = {
  collection: 'focus_sessions',
  indexes: [
    { key: { userId: 1, activeSlot: 1 }, name: 'one_active_per_user', unique: true },
    { key: { userId: 1, startedAt: -1 }, name: 'user_time' },
  ],
};

export const toFocusSession = (doc: FocusSessionDoc, now: Date): FocusSession => {
  const plannedEnd = plannedEndOf(doc.startedAt, doc.plannedMinutes);
  const isActive = doc.status === 'active';
  return {
    id: doc._id,
    taskId: doc.taskId,
    label: doc.label,
    plannedMinutes: doc.plannedMinutes,
    status: doc.status,
    startedAt: doc.startedAt.toISOString(),
    plannedEndAt: plannedEnd.toISOString(),
    endedAt: doc.endedAt?.toISOString() ?? null,
    focusedMinutes: isActive
      ? focusedMinutesBetween(doc.startedAt, now, doc.plannedMinutes)
      : doc.focusedMinutes,
    isOverdue: isActive && now.getTime() >= plannedEnd.getTime(),
    endReason: doc.endReason,
    pointsAwarded: doc.pointsAwarded,
  };
};

export const createFocusRepo = (db: Db): FocusRepo => {
  const sessions = db.collection<FocusSessionDoc>('focus_sessions');
  const tasks = db.collection<{ _id: string; userId: string; deletedAt?: Date | null }>('tasks');
  return {
    insertActive: async (session) => {
      try {
        await sessions.insertOne({ ...session, status: 'active', activeSlot: ACTIVE_SLOT });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    get: (userId, sessionId) => sessions.findOne({ _id: sessionId, userId }),
    active: (userId) => sessions.findOne({ userId, activeSlot: ACTIVE_SLOT }),
    end: (userId, sessionId, end, at) =>
      sessions.findOneAndUpdate(
        { _id: sessionId, userId, status: 'active' },
        { $set: { ...end, activeSlot: sessionId, updatedAt: at } },
        { returnDocument: 'after' },
      ),
    setPoints: async (userId, sessionId, points) => {
      await sessions.updateOne({ _id: sessionId, userId }, { $set: { pointsAwarded: points } });
    },
    list: (userId, status, limit) =>
      sessions
        .find({ userId, ...(status ? { status } : {}) })
        .sort({ startedAt: -1, _id: -1 })
        .limit(limit)
        .toArray(),
    runningSince: (startedBefore, limit) =>
      sessions
        .find({ status: 'active', startedAt: { $lt: startedBefore } })
        .sort({ startedAt: 1 })
        .limit(limit)
        .toArray(),
    isOwnTask: async (userId, taskId) =>
      (await tasks.findOne({ _id: taskId, userId, deletedAt: null }, { projection: { _id: 1 } })) !== null,
  };
};
