import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A database or cache server this process started, stoppable and restartable on the same port and data. */
export type LocalService = {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  isRunning: () => boolean;
  /** Sends a signal to the server process (SIGSTOP/SIGCONT freeze and thaw it in fault tests); false if none runs. */
  signal: (signal: NodeJS.Signals) => boolean;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Asks the OS for a port that is free right now. */
export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

type ProcessOptions = {
  /** How to stop it gracefully (PostgreSQL: SIGINT, a fast shutdown that does not wait for clients). */
  stopSignal?: NodeJS.Signals;
  /** Whether it serves yet; default: its port accepts a connection. */
  ready?: () => Promise<boolean>;
};

/** A server process on `port`, started by `command` (run as `uid`/`gid` when given; PostgreSQL refuses root). */
export const managedProcess = (
  name: string,
  port: number,
  url: string,
  command: () => {
    bin: string;
    args: string[];
    cwd: string;
    uid?: number;
    gid?: number;
    /** Set for the child on top of this process's environment. */
    env?: Record<string, string>;
  },
  { stopSignal = 'SIGTERM', ready = () => canConnect(port) }: ProcessOptions = {},
): LocalService => {
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    if (child) return;
    const { bin, args, cwd, uid, gid, env } = command();
    await mkdir(cwd, { recursive: true });
    output = '';
    const proc = spawn(bin, args, {
      cwd,
      uid,
      gid,
      env: env ? { ...process.env, ...env } : undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let exited = false;
    let spawnError: Error | undefined;
    proc.once('error', (error) => {
      spawnError = error;
      exited = true;
    });
    proc.once('exit', () => {
      exited = true;
      if (child === proc) child = undefined;
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (exited) {
        child = undefined;
        const why = spawnError ? spawnError.message : output.trim().split('\n').slice(-5).join('\n');
        throw new Error(`${name} (${bin}) did not start: ${why}`);
      }
      if (await ready()) return;
      await sleep(50);
    }
    await stop();
    throw new Error(`${name} did not accept connections on port ${port} within 30 s`);
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(stopSignal);
    proc.kill('SIGCONT'); // a frozen server (fault tests) must wake to act on the SIGTERM
    const forced = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };

  const signal = (name: NodeJS.Signals) => child?.kill(name) ?? false;

  return { name, url, port, isRunning: () => child !== undefined, signal, start, stop };
};
