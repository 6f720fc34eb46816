import { AppError } from '../../shared/index.js';
import { toProfile, type UserRepo } from './user-repo.js';
import type { Profile } from './user-schemas.js';

/** The acting person's profile and preferences. */
export const getProfile = async (deps: { users: UserRepo }, userId: string): Promise<Profile> => {
  const user = await deps.users.get(userId);
  if (!user) throw new AppError('USER_NOT_FOUND', "I couldn't find your account.");
  return toProfile(user);
};
