import { z } from 'zod';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { IdentityRepo } from '../identities/index.js';
import { isAccountDisabled } from '../users/account-status.js';
import type { UserDoc, UserRepo } from '../users/user-repo.js';
import type { AdminReads } from './admin-reads.js';

export type AdminDeps = {
  users: UserRepo;
  identities: IdentityRepo;
  audit: AuditLog;
  clock: Clock;
  reads: AdminReads;
};

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  createdAt: z.iso.datetime(),
  lastActiveAt: z.iso.datetime().nullable().describe('Latest message to the assistant or API token use'),
  channels: z.array(z.string()).describe('Channels the person is known on (sms, slack, web…), no addresses'),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  disabledAt: z.iso.datetime().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().min(1).max(64).optional().describe('The `next` of the previous page'),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

const notFound = (userId: string) => new AppError('USER_NOT_FOUND', `There is no user ${userId}.`);

const toPerson = async (deps: AdminDeps, user: UserDoc): Promise<Person> => {
  const [activity, identities] = await Promise.all([
    deps.reads.activity(user._id),
    deps.identities.list(user._id),
  ]);
  return {
    id: user._id,
    name: user.name,
    timezone: user.timezone,
    createdAt: user.createdAt.toISOString(),
    lastActiveAt: activity.lastActiveAt?.toISOString() ?? null,
    channels: [...new Set(identities.map((i) => i.channel))].sort(),
    isAdmin: user.role === 'admin',
    disabled: isAccountDisabled(user),
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
};

/** Refuses anyone but an admin. Read past the profile cache: a revoked admin loses access at once, everywhere. */
export const assertAdmin = async (deps: Pick<AdminDeps, 'users'>, userId: string): Promise<void> => {
  const user = await deps.users.getFresh(userId);
  if (user?.role !== 'admin')
    throw new AppError(
      'FORBIDDEN',
      'Only an admin may do this. An operator grants it with `focusforge users admin grant --user ID`.',
    );
};

/** Makes a person an admin, or an ordinary person again (the CLI only: the operator holds the server). */
export const setAdminRole = async (
  deps: Pick<AdminDeps, 'users' | 'audit'>,
  actor: Actor,
  input: { userId: string; isAdmin: boolean },
): Promise<UserDoc> => {
  const user = await deps.users.update(input.userId, { role: input.isAdmin ? 'admin' : null });
  if (!user || user.deletingAt) throw notFound(input.userId);
  await deps.audit.record(
    actor,
    input.isAdmin ? 'admin.role_granted' : 'admin.role_revoked',
    'user',
    input.userId,
  );
  return user;
};

/** One page of people, in id order; `next` continues it (null on the last page). */
export const listPeople = async (
  deps: AdminDeps,
  query: PageQuery,
): Promise<{ items: Person[]; next: string | null }> => {
  const page = await deps.users.page({ after: query.after, limit: query.limit + 1 });
  const shown = page.slice(0, query.limit).filter((u) => !u.deletingAt);
  const items = await Promise.all(shown.map((user) => toPerson(deps, user)));
  return { items, next: page.length > query.limit ? (page[query.limit - 1]?._id ?? null) : null };
};

/**
 * Disables or enables a person. Disabled, every way in refuses them (see users/account-status.ts) and no reminder
 * is sent; their data stays. An admin cannot disable themselves (and so lock out the last admin).
 */
export const setUserDisabled = async (
  deps: AdminDeps,
  actor: Actor,
  input: { userId: string; disabled: boolean },
): Promise<Person> => {
  if (input.disabled && input.userId === actor.userId)
    throw new AppError('CONFLICT', 'You cannot disable yourself; ask another admin, or use the CLI.');
  const existing = await deps.users.get(input.userId);
  if (!existing || existing.deletingAt) throw notFound(input.userId);
  const user = await deps.users.update(input.userId, {
    disabledAt: input.disabled ? (existing.disabledAt ?? deps.clock.now()) : null,
  });
  if (!user) throw notFound(input.userId);
  await deps.audit.record(
    actor,
    input.disabled ? 'admin.user_disabled' : 'admin.user_enabled',
    'user',
    input.userId,
  );
  return toPerson(deps, user);
};

export const UsageRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  tasks: z.number().int(),
  turns: z.number().int().describe('Messages sent to the assistant'),
  llm: z.object({
    calls: z.number().int(),
    failures: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number(),
  }),
});
export type UsageRow = z.infer<typeof UsageRowSchema>;

/** Per person: tasks, messages to the assistant and LLM calls, tokens and estimated cost (all time). */
export const peopleUsage = async (
  deps: AdminDeps,
  query: PageQuery,
): Promise<{ items: UsageRow[]; next: string | null }> => {
  const page = await deps.users.page({ after: query.after, limit: query.limit + 1 });
  const shown = page.slice(0, query.limit).filter((u) => !u.deletingAt);
  const items = await Promise.all(
    shown.map(async (user) => {
      const [activity, llm] = await Promise.all([
        deps.reads.activity(user._id),
        deps.reads.llmTotals(user._id),
      ]);
      return { userId: user._id, name: user.name, tasks: activity.tasks, turns: activity.turns, llm };
    }),
  );
  return { items, next: page.length > query.limit ? (page[query.limit - 1]?._id ?? null) : null };
};
