import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export type CliProcess = { child: ChildProcess; output: () => string; stop: () => Promise<number | null> };

/** Runs the built `focusforge` CLI (dist/cli.js) with the given environment. */
export const spawnCli = (args: string[], env: Record<string, string>): CliProcess => {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};

/** Runs the CLI to completion and returns its exit code and combined output. */
export const runCli = async (
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> => {
  const cli = spawnCli(args, env);
  const code = await new Promise<number | null>((resolve) => cli.child.once('exit', resolve));
  return { code, output: cli.output() };
};

/** Polls `url` until `accept(status)` holds or the deadline passes; returns the last status (0 = no answer). */
export const waitForStatus = async (
  url: string,
  accept: (status: number) => boolean,
  timeoutMs = 20_000,
): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (accept(status)) return status;
    await sleep(200);
  }
  return status;
};
