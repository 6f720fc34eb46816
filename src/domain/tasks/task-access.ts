import { createHash } from 'node:crypto';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import { MAX_STATUS_HISTORY, type StatusChange, type TaskDoc, type TaskRepo } from './task-repo.js';
import type { Priority, TaskStatus } from './task-schemas.js';

/** What every task use case needs; some add `users` or `ledger`. */
export type TaskDeps = { tasks: TaskRepo; audit: AuditLog; clock: Clock };
export type TaskDepsWithUsers = TaskDeps & { users: UserRepo };

/** Attempts of a read-modify-write before giving up with a retryable CONFLICT. */
export const WRITE_ATTEMPTS = 5;

export const OPEN_STATUSES: TaskStatus[] = ['todo', 'in_progress'];

export const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** Foreign, missing and deleted tasks look the same: nobody learns that someone else's id exists. */
export const taskNotFound = (): AppError => new AppError('TASK_NOT_FOUND', "I couldn't find that task.");

export const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', `Invalid request. ${path}: ${message}`, { details: [{ path, message }] });

export const busy = (): AppError =>
  new AppError('CONFLICT', 'That task was changing at the same moment. Please try again.', {
    retryable: true,
  });

/** The acting person's task; deleted ones only when asked for. */
export const getOwnTask = async (
  deps: Pick<TaskDeps, 'tasks'>,
  userId: string,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<TaskDoc> => {
  const task = await deps.tasks.get(userId, id);
  if (!task || (task.deletedAt && !options.includeDeleted)) throw taskNotFound();
  return task;
};

export const userTimezone = async (deps: { users: UserRepo }, userId: string): Promise<string> =>
  (await deps.users.get(userId))?.timezone ?? 'UTC';

/** History with one more entry, keeping the latest few (FerretDB ignores `$push` with `$slice`). */
export const withStatusChange = (
  history: StatusChange[],
  status: TaskStatus,
  at: Date,
  via: Actor['via'],
): StatusChange[] => [...history, { status, at, via }].slice(-MAX_STATUS_HISTORY);

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A task id derived from another task's id: every process that computes "the next occurrence of task X" gets the
 * same id, so the unique `_id` lets exactly one of them insert it, even after a crash and a retry.
 */
export const derivedTaskId = (sourceId: string, purpose: string): string => {
  const digest = createHash('sha256').update(`${sourceId}:${purpose}`).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[digest[i]! & 31];
  return `task_${out}`;
};
