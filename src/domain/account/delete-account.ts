import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import type { AccountPart } from './account-part.js';

/** How long a deletion confirmation code stays valid. */
const CONFIRM_MINUTES = 10;
/** A deletion that started this long ago and is still not finished is resumed by the maintenance sweep. */
const RESUME_AFTER_MS = 10 * 60_000;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export type AccountDeps = {
  users: UserRepo;
  audit: AuditLog;
  clock: Clock;
  /** Everything a person owns, in deletion order: ways in first, then data, jobs, memory and conversations. */
  accountParts: AccountPart[];
  /** The audit log: all of a person's entries go but one tombstone (see `auditTombstone`). */
  tombstone: AuditTombstone;
};

export const DeletionRequestSchema = z.object({
  confirmation: z
    .string()
    .describe('Send this back as `confirmation` to DELETE /api/v1/me to delete for good.'),
  expiresAt: z.iso.datetime(),
  willDelete: z
    .record(z.string(), z.number().int())
    .describe('How many records of each kind will be deleted (scheduled jobs are counted when deleted)'),
});
export type DeletionRequest = z.infer<typeof DeletionRequestSchema>;

export const ConfirmDeletionSchema = z.strictObject({
  confirmation: z.string().trim().min(1).max(64).describe('The code from the first DELETE /api/v1/me'),
});

const hashCode = (code: string) => createHash('sha256').update(code.toUpperCase()).digest();

const newCode = () => {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
};

/**
 * Step one of deleting an account: says what would be deleted and returns a short-lived code that step two must
 * send back, so a stray call (or a replayed request) never deletes anything. A new request replaces the old code.
 */
export const requestAccountDeletion = async (deps: AccountDeps, actor: Actor): Promise<DeletionRequest> => {
  const user = await deps.users.get(actor.userId);
  if (!user || user.deletingAt) throw new AppError('USER_NOT_FOUND', 'That account does not exist any more.');
  const willDelete: Record<string, number> = { profile: 1 };
  for (const part of deps.accountParts) {
    const count = await part.count(actor.userId);
    if (count > 0) willDelete[part.name] = count;
  }
  const code = newCode();
  const expiresAt = new Date(deps.clock.now().getTime() + CONFIRM_MINUTES * 60_000);
  await deps.users.update(actor.userId, {
    deletionRequest: { codeHash: hashCode(code).toString('hex'), expiresAt },
  });
  await deps.audit.record(actor, 'account.delete_requested', 'user', actor.userId);
  return { confirmation: code, expiresAt: expiresAt.toISOString(), willDelete };
};

/**
 * Step two: with the code from step one, marks the account as being deleted (from then on nothing new is made for
 * it) and removes everything. A crash midway leaves the mark; `resumeAccountDeletions` finishes the job.
 */
export const deleteAccount = async (
  deps: AccountDeps,
  actor: Actor,
  input: z.input<typeof ConfirmDeletionSchema>,
): Promise<void> => {
  const { confirmation } = ConfirmDeletionSchema.parse(input);
  const user = await deps.users.get(actor.userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'That account does not exist any more.');
  if (!user.deletingAt) {
    const request = user.deletionRequest;
    const isValid =
      request &&
      request.expiresAt > deps.clock.now() &&
      timingSafeEqual(Buffer.from(request.codeHash, 'hex'), hashCode(confirmation));
    if (!isValid)
      throw new AppError(
        'BAD_REQUEST',
        'That confirmation code is wrong or has expired. Ask to delete the account again for a new one.',
      );
  }
  await eraseAccount(deps, actor);
};

/** Deletes an account without a confirmation code: the operator's CLI, and resuming an interrupted deletion. */
export const eraseAccount = async (deps: AccountDeps, actor: Actor): Promise<boolean> => {
  const userId = actor.userId;
  const user = await deps.users.markDeleting(userId, deps.clock.now());
  if (!user) return false;
  for (const part of deps.accountParts) await part.erase(userId);
  await deps.tombstone.leave(userId, actor.via, user.deletingAt ?? deps.clock.now());
  // Last: while the record exists (marked), a retry knows there is something to finish.
  await deps.users.remove(userId);
  return true;
};

/** Maintenance: finishes deletions interrupted by a crash or a lost request. Returns how many were finished. */
export const resumeAccountDeletions = async (deps: AccountDeps, limit = 100): Promise<number> => {
  const before = new Date(deps.clock.now().getTime() - RESUME_AFTER_MS);
  let finished = 0;
  for (const userId of await deps.users.deletingBefore(before, limit))
    if (await eraseAccount(deps, { userId, via: 'job' })) finished++;
  return finished;
};

/** What the audit log keeps of a deleted account. */
export type AuditTombstone = {
  /** Removes the person's audit entries but one, `account.delete` with their id and the time. */
  leave: (userId: string, via: Actor['via'], at: Date) => Promise<void>;
};

export const createAuditTombstone = (db: Db): AuditTombstone => {
  const entries = db.collection<AuditEntry>('audit_log');
  return {
    leave: async (userId, via, at) => {
      // A fixed id, written first: a retry finds it there and removes everything else.
      const _id = `aud_deleted_${userId}`;
      await entries.updateOne(
        { _id },
        {
          $setOnInsert: {
            userId,
            via,
            action: 'account.delete',
            entity: 'user',
            entityId: null,
            at,
            meta: {},
          },
        },
        { upsert: true },
      );
      await entries.deleteMany({ userId, _id: { $ne: _id } });
    },
  };
};
