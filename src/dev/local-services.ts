import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
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

export type LocalServiceOptions = { dataDir: string; port?: number; persistent?: boolean };

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

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const managedProcess = (
  name: string,
  port: number,
  url: string,
  command: () => { bin: string; args: string[]; cwd: string },
): LocalService => {
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    if (child) return;
    const { bin, args, cwd } = command();
    await mkdir(cwd, { recursive: true });
    output = '';
    const proc = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (await canConnect(port)) return;
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
    proc.kill('SIGTERM');
    proc.kill('SIGCONT'); // a frozen server (fault tests) must wake to act on the SIGTERM
    const forced = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };

  const signal = (name: NodeJS.Signals) => child?.kill(name) ?? false;

  return { name, url, port, isRunning: () => child !== undefined, signal, start, stop };
};

/** FerretDB with its SQLite backend: the MongoDB wire protocol without a MongoDB install. */
export const ferretDb = async (bin: string, options: LocalServiceOptions): Promise<LocalService> => {
  const port = options.port ?? (await freePort());
  const dir = join(options.dataDir, 'ferretdb');
  return managedProcess('FerretDB', port, `mongodb://127.0.0.1:${port}/`, () => {
    if (!existsSync(bin)) {
      throw new Error(
        `FerretDB is not installed at ${bin}; run scripts/install-ferretdb.sh or set MONGODB_URI`,
      );
    }
    return {
      bin,
      cwd: dir,
      args: [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/?_pragma=synchronous(normal)`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=error',
      ],
    };
  });
};

/** redis-server bound to loopback; persistent mode keeps queued jobs across restarts. */
export const redisServer = async (bin: string, options: LocalServiceOptions): Promise<LocalService> => {
  const port = options.port ?? (await freePort());
  const dir = join(options.dataDir, 'redis');
  const persistence = options.persistent
    ? ['--appendonly', 'yes', '--save', '60 1']
    : ['--appendonly', 'no', '--save', ''];
  return managedProcess('Redis', port, `redis://127.0.0.1:${port}`, () => ({
    bin,
    cwd: dir,
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--protected-mode',
      'yes',
      ...persistence,
    ],
  }));
};

type ServicesFile = { pid: number; mongodbUri?: string; redisUrl?: string };

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOf = (url: string): number => Number(new URL(url).port);

export type LocalServicesPlan = {
  dataDir: string;
  ferretdbBin: string;
  redisServerBin: string;
  mongodbUri: string | undefined;
  redisUrl: string | undefined;
};

/**
 * Fills in whatever is not configured: reuses the servers another FocusForge process started on the same data
 * directory (so `focusforge users create` works beside a running `focusforge serve`), or starts its own.
 */
export const attachLocalServices = async (
  plan: LocalServicesPlan,
  log: (message: string) => void = () => undefined,
): Promise<{ mongodbUri: string; redisUrl: string; owned: LocalService[]; release: () => Promise<void> }> => {
  let { mongodbUri, redisUrl } = plan;
  const owned: LocalService[] = [];
  const stateFile = join(plan.dataDir, 'local-services.json');
  const { readFile, writeFile, rm } = await import('node:fs/promises');

  if (!mongodbUri || !redisUrl) {
    const shared = await readFile(stateFile, 'utf8')
      .then((text) => JSON.parse(text) as ServicesFile)
      .catch(() => undefined);
    if (shared && shared.pid !== process.pid && isAlive(shared.pid)) {
      if (!mongodbUri && shared.mongodbUri && (await canConnect(portOf(shared.mongodbUri))))
        mongodbUri = shared.mongodbUri;
      if (!redisUrl && shared.redisUrl && (await canConnect(portOf(shared.redisUrl))))
        redisUrl = shared.redisUrl;
    }
  }
  const release = async () => {
    for (const service of [...owned].reverse()) await service.stop();
    if (owned.length > 0) await rm(stateFile, { force: true });
  };
  try {
    if (!mongodbUri) {
      const service = await ferretDb(plan.ferretdbBin, { dataDir: plan.dataDir });
      log(`MONGODB_URI is not set: starting FerretDB on port ${service.port} (data in ${plan.dataDir})`);
      await service.start();
      owned.push(service);
      mongodbUri = service.url;
    }
    if (!redisUrl) {
      const service = await redisServer(plan.redisServerBin, { dataDir: plan.dataDir, persistent: true });
      log(`REDIS_URL is not set: starting redis-server on port ${service.port}`);
      await service.start();
      owned.push(service);
      redisUrl = service.url;
    }
  } catch (error) {
    await release();
    throw error;
  }
  if (owned.length > 0) {
    const state: ServicesFile = { pid: process.pid, mongodbUri, redisUrl };
    await writeFile(stateFile, JSON.stringify(state));
  }
  return { mongodbUri, redisUrl, owned, release };
};
