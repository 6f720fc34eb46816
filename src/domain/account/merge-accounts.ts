import type { Db } from 'mongodb';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import type { AccountPart } from './account-part.js';

/** A merge that started this long ago and is still recorded is resumed by the maintenance sweep. */
const RESUME_AFTER_MS = 10 * 60_000;

/** An unfinished merge: written before anything moves, removed when everything has. */
export type MergeRecord = { _id: string; into: string; via: Actor['via']; startedAt: Date };

export type MergeRecords = {
  /** Records `from → into`; returns the record that holds (an earlier one wins). */
  begin: (record: MergeRecord) => Promise<MergeRecord>;
  /** The record naming `userId` as either side, if a merge involving them is unfinished. */
  involving: (userId: string) => Promise<MergeRecord | null>;
  finish: (from: string) => Promise<void>;
  startedBefore: (before: Date, limit: number) => Promise<MergeRecord[]>;
  /** Moves the old account's audit entries and leaves one `account.merged` entry naming it (the tombstone). */
  leaveTombstone: (from: string, into: string, via: Actor['via'], at: Date) => Promise<void>;
};

export const createMergeRecords = (db: Db): MergeRecords => {
  const merges = db.collection<MergeRecord>('account_merges');
  const audit = db.collection<AuditEntry>('audit_log');
  return {
    begin: async (record) => {
      await merges.updateOne({ _id: record._id }, { $setOnInsert: record }, { upsert: true });
      return (await merges.findOne({ _id: record._id })) ?? record;
    },
    involving: (userId) => merges.findOne({ $or: [{ _id: userId }, { into: userId }] }),
    finish: async (from) => {
      await merges.deleteOne({ _id: from });
    },
    startedBefore: (before, limit) =>
      merges.find({ startedAt: { $lt: before } }, { sort: { startedAt: 1 }, limit }).toArray(),
    leaveTombstone: async (from, into, via, at) => {
      const _id = `aud_merged_${from}`;
      await audit.updateMany({ userId: from }, { $set: { userId: into } });
      // Entries about the old account itself (its creation) now name only the tombstone's account.
      await audit.updateMany(
        { userId: into, entityId: from, _id: { $ne: _id } },
        { $set: { entityId: null } },
      );
      await audit.updateOne(
        { _id },
        {
          $setOnInsert: {
            userId: into,
            via,
            action: 'account.merged',
            entity: 'user',
            entityId: from,
            at,
            meta: {},
          },
        },
        { upsert: true },
      );
    },
  };
};

export type MergeDeps = {
  users: UserRepo;
  audit: AuditLog;
  clock: Clock;
  accountParts: AccountPart[];
  merges: MergeRecords;
};

/**
 * Makes two accounts one person: everything `from` owns becomes `into`'s (each part knows how: see
 * `AccountPart.mergeInto`), then `from`'s record goes. The merge record is written first and removed last, so a
 * crash midway is finished by `resumeAccountMerges`; every step can run again without harm.
 */
export const mergeAccounts = async (
  deps: MergeDeps,
  input: { from: string; into: string; via: Actor['via'] },
): Promise<void> => {
  const { from, into, via } = input;
  if (from === into) return;
  const target = await deps.users.get(into);
  if (!target || target.deletingAt)
    throw new AppError('USER_NOT_FOUND', 'The account that made this code does not exist any more.');
  const pending = await deps.merges.involving(into);
  if (pending && pending._id === into)
    throw new AppError('CONFLICT', 'That account is being joined to another one right now. Try again soon.');
  const record = await deps.merges.begin({ _id: from, into, via, startedAt: deps.clock.now() });
  if (record.into !== into)
    throw new AppError('CONFLICT', 'This account is already being joined to another one. Try again soon.');
  await finishMerge(deps, record);
};

const finishMerge = async (deps: MergeDeps, record: MergeRecord) => {
  const from = record._id;
  for (const part of deps.accountParts) await part.mergeInto(from, record.into);
  await deps.merges.leaveTombstone(from, record.into, record.via, record.startedAt);
  await deps.users.remove(from);
  // Last: while the record exists, a retry knows there is something to finish.
  await deps.merges.finish(from);
};

/** Maintenance: finishes merges interrupted by a crash. Returns how many were finished. */
export const resumeAccountMerges = async (deps: MergeDeps, limit = 100): Promise<number> => {
  const before = new Date(deps.clock.now().getTime() - RESUME_AFTER_MS);
  let finished = 0;
  for (const record of await deps.merges.startedBefore(before, limit)) {
    await finishMerge(deps, record);
    finished++;
  }
  return finished;
};
