import { newId, type Clock } from '../../shared/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import { toProfile, type UserRepo } from './user-repo.js';
import { CreateUserSchema, defaultPreferences, type CreateUser, type Profile } from './user-schemas.js';

export type CreateUserDeps = { users: UserRepo; audit: AuditLog; clock: Clock };

/** Creates a person's account with gentle defaults (quiet 22:00-08:00, web, six nudges a day). */
export const createUser = async (
  deps: CreateUserDeps,
  input: CreateUser,
  via: 'api' | 'cli' | 'chat' | 'system' = 'cli',
): Promise<Profile> => {
  const { name, timezone } = CreateUserSchema.parse(input);
  const now = deps.clock.now();
  const user = {
    _id: newId('usr'),
    name,
    timezone,
    preferences: { ...defaultPreferences },
    createdAt: now,
    updatedAt: now,
  };
  await deps.users.insert(user);
  await deps.audit.record({ userId: user._id, via }, 'user.created', 'user', user._id, { timezone });
  return toProfile(user);
};
