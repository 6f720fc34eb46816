import { createApiToken, listConnections, revokeApiToken, revokeConnection } from '../domain/index.js';
import { positiveDays, required, UsageError } from './args.js';
import { withDeps, type Command } from './command.js';

/** `tokens create | revoke` and `connections list | revoke`: the ways into a person's account. */
export const accessCommands: Record<string, Command> = {
  'tokens create': async (config, { values }) => {
    const expiresInDays = positiveDays(values['expires-in-days']); // before connecting to anything
    await withDeps(config, async ({ domain }) => {
      const userId = required(values.user, '--user');
      const { token, info } = await createApiToken(
        domain,
        { userId, via: 'cli' },
        { name: values.name ?? 'cli', ...(expiresInDays ? { expiresInDays } : {}) },
      );
      const expiry = info.expiresAt ? `expires ${info.expiresAt}` : 'never expires';
      console.log(`Token ${info.id} for ${userId}, ${expiry} (shown once, store it now):\n${token}`);
    });
    return 0;
  },
  'tokens revoke': async (config, { values }) => {
    await withDeps(config, async ({ domain }) => {
      if (!values.id && !values.token) throw new UsageError('give --id TOKEN_ID or --token SECRET');
      const revoked = await revokeApiToken(domain, null, {
        ...(values.id ? { id: values.id } : {}),
        ...(values.token ? { token: values.token } : {}),
      });
      console.log(`Revoked token ${revoked.id} (${revoked.name})`);
    });
    return 0;
  },
  'connections list': async (config, { values }) => {
    await withDeps(config, async ({ domain }) => {
      const items = await listConnections(domain, required(values.user, '--user'));
      if (items.length === 0) console.log('No connected apps.');
      for (const c of items) {
        console.log(
          `${c.id}  ${c.clientName} -> ${c.redirectHost}  [${c.scopes.join(' ')}]  since ${c.createdAt}`,
        );
      }
    });
    return 0;
  },
  'connections revoke': async (config, { values }) => {
    await withDeps(config, async ({ domain }) => {
      const userId = required(values.user, '--user');
      const revoked = await revokeConnection(domain, { userId, via: 'cli' }, required(values.id, '--id'));
      console.log(`Disconnected ${revoked.clientName} (${revoked.id})`);
    });
    return 0;
  },
};
