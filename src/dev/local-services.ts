import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { canConnect, freePort, managedProcess, type LocalService } from './managed-process.js';
import { findPostgresBinDir, localPostgres } from './local-postgres.js';

export { freePort, type LocalService } from './managed-process.js';

export type LocalServiceOptions = { dataDir: string; port?: number; persistent?: boolean };

/** The store behind the local FerretDB (docs/decisions/0013-embedded-database.md). */
export type FerretDbBackend = 'postgresql' | 'sqlite';

export type FerretDbOptions = LocalServiceOptions & {
  /** Default: PostgreSQL, whose indexes serve our queries. */
  backend?: FerretDbBackend;
  /** Where initdb/postgres live; default: the newest /usr/lib/postgresql/<major>/bin, else PATH. */
  postgresBinDir?: string;
};

/**
 * FerretDB, the MongoDB wire protocol without a MongoDB install, on a private PostgreSQL cluster (started and
 * stopped with it) or on SQLite; both keep their files under `dataDir`.
 */
export const ferretDb = async (bin: string, options: FerretDbOptions): Promise<LocalService> => {
  const port = options.port ?? (await freePort());
  const backend = options.backend ?? 'postgresql';
  const dir = join(options.dataDir, 'ferretdb');
  const postgres =
    backend === 'postgresql'
      ? await localPostgres(findPostgresBinDir(options.postgresBinDir), options)
      : undefined;
  const store = postgres
    ? ['--handler=pg', `--postgresql-url=${postgres.url}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dir}/?_pragma=synchronous(normal)`];
  const ferret = managedProcess('FerretDB', port, `mongodb://127.0.0.1:${port}/`, () => {
    if (!existsSync(bin)) {
      throw new Error(
        `FerretDB is not installed at ${bin}; run scripts/install-ferretdb.sh or set MONGODB_URI`,
      );
    }
    return {
      bin,
      cwd: dir,
      args: [
        ...store,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=error',
      ],
      // Decoding documents allocates heavily and FerretDB's heap stays small: collecting a quarter as often cut a
      // sorted 26-document find by about a sixth (decision 0015).
      env: { GOGC: '400' },
    };
  });
  if (!postgres) return ferret;
  // Signals (fault tests freeze the server) go to FerretDB; PostgreSQL starts before it and stops after it.
  return {
    ...ferret,
    start: async () => {
      if (!postgres.isRunning()) await postgres.start();
      await ferret.start().catch(async (error: unknown) => {
        await postgres.stop();
        throw error;
      });
    },
    stop: async () => {
      await ferret.stop();
      await postgres.stop();
    },
  };
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
  ferretdbBackend: FerretDbBackend;
  postgresBinDir: string | undefined;
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
      const service = await ferretDb(plan.ferretdbBin, {
        dataDir: plan.dataDir,
        backend: plan.ferretdbBackend,
        postgresBinDir: plan.postgresBinDir,
      });
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
