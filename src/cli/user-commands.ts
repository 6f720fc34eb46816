import { createUser, eraseAccount, setAdminRole } from '../domain/index.js';
import { AppError } from '../shared/index.js';
import { required, UsageError } from './args.js';
import { withDeps, type Command } from './command.js';

/** `users create | delete | admin`: people and their admin role. */
export const userCommands: Record<string, Command> = {
  'users create': async (config, { values }) => {
    await withDeps(config, async ({ domain }) => {
      const profile = await createUser(
        domain,
        { name: required(values.name, '--name'), timezone: values.timezone },
        'cli',
      );
      console.log(`Created user ${profile.name} (${profile.timezone})\nid: ${profile.id}`);
      console.log(`Next: focusforge tokens create --user ${profile.id}`);
    });
    return 0;
  },
  'users delete': async (config, { values }) => {
    const userId = required(values.user, '--user');
    if (!values.yes) throw new UsageError('deleting cannot be undone: add --yes to confirm');
    await withDeps(config, async ({ account }) => {
      // Also finishes a deletion that was interrupted (the account is then already marked).
      if (!(await eraseAccount(account, { userId, via: 'cli' })))
        throw new AppError('USER_NOT_FOUND', `There is no user ${userId}.`);
      console.log(`Deleted user ${userId} and everything they owned (the audit log keeps one tombstone).`);
    });
    return 0;
  },
  'users admin': async (config, { values, positionals }) => {
    const action = positionals[2];
    if (action !== 'grant' && action !== 'revoke') throw new UsageError('users admin takes grant or revoke');
    const userId = required(values.user, '--user');
    await withDeps(config, async ({ domain }) => {
      await setAdminRole(domain, { userId, via: 'cli' }, { userId, isAdmin: action === 'grant' });
      console.log(
        action === 'grant'
          ? `${userId} is now an admin: their API token opens /api/v1/admin.`
          : `${userId} is no longer an admin.`,
      );
    });
    return 0;
  },
};
