import type { Config } from '../config.js';
import { createDeps, type Deps } from '../main.js';
import type { CliArgs } from './args.js';

/** One CLI command: returns its exit code, or -1 to keep the process running until a signal. */
export type Command = (config: Config, args: CliArgs) => Promise<number>;

/** Runs a one-shot command against the database and closes everything afterwards. */
export const withDeps = async (config: Config, fn: (deps: Deps) => Promise<void>): Promise<void> => {
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
