#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { eraseAccount } from './domain/account/index.js';
import { setAdminRole } from './domain/admin/index.js';
import { listConnections, revokeConnection } from './domain/oauth/index.js';
import { createApiToken, revokeApiToken } from './domain/tokens/api-tokens.js';
import { createUser } from './domain/users/create-user.js';
import { createDeps, startServer, startWorker, type Deps } from './main.js';
import { AppError, isAppError } from './shared/errors.js';

const usage = `FocusForge: an AI productivity assistant for people with ADHD

Usage:
  focusforge serve                                   start the HTTP API, web chat and /mcp (and workers, unless RUN_WORKERS=false)
  focusforge worker                                  run only the background workers (reminders, notifications)
  focusforge mcp                                     serve MCP over stdio as the user of FOCUSFORGE_TOKEN
  focusforge sms-sim --from +15555550100              text the local assistant from this terminal (docs/sms.md)
  focusforge users create --name NAME [--timezone TZ]
  focusforge users delete --user USER_ID --yes      delete a person and everything they own (no undo; see docs/privacy.md)
  focusforge users admin (grant | revoke) --user USER_ID   the admin role: /api/v1/admin (docs/operations.md)
  focusforge tokens create --user USER_ID [--name LABEL] [--expires-in-days N]   prints the token once
  focusforge tokens revoke (--id TOKEN_ID | --token SECRET)
  focusforge connections list --user USER_ID         apps connected through OAuth sign-in (Claude, ChatGPT…)
  focusforge connections revoke --user USER_ID --id CONNECTION_ID   disconnects one: its tokens stop at once
  focusforge db migrate                              copy local data from the SQLite store of earlier versions
  focusforge --version

Configuration comes from the environment; see the README. Without MONGODB_URI / REDIS_URL a local FerretDB
and redis-server are started (data in DATA_DIR, default ./.data).`;

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
};

/** Runs a one-shot command against the database and closes everything afterwards. */
const withDeps = async (config: Config, fn: (deps: Deps) => Promise<void>): Promise<void> => {
  const deps = await createDeps({
    ...config,
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
  });
  try {
    await fn(deps);
  } finally {
    await deps.close();
  }
};

const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
};

class UsageError extends Error {}

const positiveDays = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError('--expires-in-days must be a whole number of days, 1 or more');
  return Number(value);
};

export const runCli = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      timezone: { type: 'string' },
      user: { type: 'string' },
      id: { type: 'string' },
      token: { type: 'string' },
      'expires-in-days': { type: 'string' },
      yes: { type: 'boolean' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const [command, sub] = positionals;
  if (values.version) {
    console.log(version());
    return 0;
  }
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();

  switch (`${command}${sub ? ` ${sub}` : ''}`) {
    case 'serve': {
      await startServer(await createDeps(config));
      return -1; // keep running until a signal
    }
    case 'worker': {
      await startWorker(await createDeps(config));
      return -1;
    }
    case 'mcp': {
      const { runMcpCommand } = await import('./cli/mcp.js');
      await runMcpCommand(config);
      return -1;
    }
    case 'sms-sim': {
      const { runSmsSim } = await import('./cli/sms-sim.js');
      return runSmsSim(config, required(values.from, '--from'));
    }
    case 'users create':
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
    case 'users delete': {
      const userId = required(values.user, '--user');
      if (!values.yes) throw new UsageError('deleting cannot be undone: add --yes to confirm');
      await withDeps(config, async ({ account }) => {
        // Also finishes a deletion that was interrupted (the account is then already marked).
        if (!(await eraseAccount(account, { userId, via: 'cli' })))
          throw new AppError('USER_NOT_FOUND', `There is no user ${userId}.`);
        console.log(`Deleted user ${userId} and everything they owned (the audit log keeps one tombstone).`);
      });
      return 0;
    }
    case 'users admin': {
      const action = positionals[2];
      if (action !== 'grant' && action !== 'revoke')
        throw new UsageError('users admin takes grant or revoke');
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
    }
    case 'tokens create': {
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
    }
    case 'db migrate': {
      const { migrateLocalSqlite } = await import('./dev/migrate-local.js');
      const done = await migrateLocalSqlite(config, (line) => console.log(line));
      console.log(
        `Migrated ${done.collections} collections: ${done.copied} documents copied, ${done.kept} already there`,
      );
      return 0;
    }
    case 'tokens revoke':
      await withDeps(config, async ({ domain }) => {
        if (!values.id && !values.token) throw new UsageError('give --id TOKEN_ID or --token SECRET');
        const revoked = await revokeApiToken(domain, null, {
          ...(values.id ? { id: values.id } : {}),
          ...(values.token ? { token: values.token } : {}),
        });
        console.log(`Revoked token ${revoked.id} (${revoked.name})`);
      });
      return 0;
    case 'connections list':
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
    case 'connections revoke':
      await withDeps(config, async ({ domain }) => {
        const userId = required(values.user, '--user');
        const revoked = await revokeConnection(domain, { userId, via: 'cli' }, required(values.id, '--id'));
        console.log(`Disconnected ${revoked.clientName} (${revoked.id})`);
      });
      return 0;
    default:
      throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  }
};

const main = async () => {
  try {
    const code = await runCli(process.argv.slice(2));
    if (code >= 0) process.exit(code);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`focusforge: ${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(
      `focusforge: ${isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
};

void main();
