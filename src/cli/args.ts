import { parseArgs } from 'node:util';

export const usage = `FocusForge: an AI productivity assistant for people with ADHD

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

/** A mistake in the command line: answered with the usage text and exit code 2. */
export class UsageError extends Error {}

/** Every flag any command takes; parseArgs refuses the rest. */
export const parseCliArgs = (argv: string[]) =>
  parseArgs({
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

export type CliArgs = ReturnType<typeof parseCliArgs>;

export const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
};

export const positiveDays = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError('--expires-in-days must be a whole number of days, 1 or more');
  return Number(value);
};
