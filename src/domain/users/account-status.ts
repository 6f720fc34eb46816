import { AppError } from '../../shared/index.js';
import type { UserDoc, UserRepo } from './user-repo.js';

/** What a disabled person is told, on whichever channel they tried. */
export const ACCOUNT_DISABLED_MESSAGE =
  'This account has been disabled by the operator of this FocusForge server. ' +
  'Nothing is sent to it and nothing can be changed until they enable it again.';

export const isAccountDisabled = (user: Pick<UserDoc, 'disabledAt'> | null | undefined): boolean =>
  Boolean(user?.disabledAt);

/**
 * Refuses a disabled person. Every way in resolves its caller here (API and MCP tokens, OAuth sessions, the web
 * widget, a chat turn from any channel), so disabling takes effect everywhere at once (within the profile cache's
 * few seconds on other processes).
 */
export const assertAccountActive = async (deps: { users: UserRepo }, userId: string): Promise<void> => {
  if (isAccountDisabled(await deps.users.get(userId)))
    throw new AppError('FORBIDDEN', ACCOUNT_DISABLED_MESSAGE, {
      retryable: false,
      details: { accountDisabled: true },
    });
};
