#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { parseCliArgs, usage, UsageError } from './cli/args.js';
import { accessCommands } from './cli/access-commands.js';
import type { Command } from './cli/command.js';
import { dbCommands } from './cli/db-commands.js';
import { processCommands } from './cli/process-commands.js';
import { userCommands } from './cli/user-commands.js';
import { isAppError } from './shared/errors.js';

/** Every command by its words (`serve`, `users create`…); a Map, so no inherited name is ever a command. */
const commands = new Map<string, Command>(
  Object.entries({ ...processCommands, ...userCommands, ...accessCommands, ...dbCommands }),
);

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
};

export const runCli = async (argv: string[]): Promise<number> => {
  const args = parseCliArgs(argv);
  const { values, positionals } = args;
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
  const run = commands.get(`${command}${sub ? ` ${sub}` : ''}`);
  if (!run) throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  return run(config, args);
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
