import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, managedProcess, type LocalService } from './managed-process.js';

const run = promisify(execFile);

/** Debian keeps PostgreSQL's server programs off PATH, under /usr/lib/postgresql/<major>/bin; the newest wins. */
export const findPostgresBinDir = (configured: string | undefined): string | undefined => {
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
};

/** PostgreSQL refuses to run as root; then it runs as the `postgres` user that Debian's package creates. */
const serverAccount = (): { uid: number; gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('running as root, PostgreSQL needs the "postgres" user (apt-get install postgresql)');
  }
  return { uid: Number(uid), gid: Number(gid) };
};

/**
 * Every folder above DATA_DIR must let the `postgres` account pass through; we never loosen folders we did not
 * make, so a closed one (e.g. a 0700 home or temp folder) is named with the ways out.
 */
const checkReachable = async (folder: string): Promise<void> => {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0)
      throw new Error(
        `the "postgres" account cannot reach DATA_DIR through ${dir} (no search permission for others): ` +
          `chmod o+x ${dir}, choose a DATA_DIR elsewhere, or set FERRETDB_BACKEND=sqlite or MONGODB_URI`,
      );
    if (dirname(dir) === dir) return;
  }
};

/**
 * A private PostgreSQL cluster under `dataDir/postgres` for FerretDB: reachable only through a Unix socket inside
 * that directory (mode 0700), so no other local account can connect. Commits do not wait for the disk, like
 * MongoDB's default write concern (docs/decisions/0010-local-sqlite-synchronous.md gives the reasoning).
 */
export const localPostgres = async (
  binDir: string | undefined,
  options: { dataDir: string },
): Promise<LocalService> => {
  const port = await freePort();
  const dir = join(options.dataDir, 'postgres');
  // The socket path is limited to 107 bytes by the OS.
  if (dir.length > 90) throw new Error(`DATA_DIR is too long for PostgreSQL's socket path: ${dir}`);
  const account = serverAccount();
  const bin = (name: string) => (binDir ? join(binDir, name) : name);

  const prepare = async () => {
    if (existsSync(join(dir, 'PG_VERSION'))) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (account) {
      await chown(dir, account.uid, account.gid);
      // The server's account must be able to pass through DATA_DIR (not list it) to reach its own directory.
      const mode = (await stat(options.dataDir)).mode & 0o777;
      await chmod(options.dataDir, mode | 0o001);
      await checkReachable(dirname(resolve(options.dataDir)));
    }
    await run(
      bin('initdb'),
      ['-D', dir, '-U', 'focusforge', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
      { ...account, cwd: dir },
    ).catch((error: Error & { stderr?: string }) => {
      const missing = (error as { code?: unknown }).code === 'ENOENT';
      throw new Error(
        missing
          ? 'PostgreSQL is not installed; run scripts/ensure-env.sh, or set MONGODB_URI'
          : `initdb failed: ${error.stderr?.trim() || error.message}`,
      );
    });
  };

  const ready = async () =>
    run(bin('pg_isready'), ['-q', '-h', dir, '-p', String(port), '-U', 'focusforge']).then(
      () => true,
      () => false,
    );

  const service = managedProcess(
    'PostgreSQL',
    port,
    `postgresql://focusforge@/postgres?host=${dir}&port=${port}`,
    () => ({
      bin: bin('postgres'),
      cwd: dir,
      ...account,
      args: [
        '-D',
        dir,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=',
        '-c',
        'unix_socket_permissions=0700',
        '-c',
        'synchronous_commit=off',
        '-c',
        'max_connections=200',
        // FerretDB's indexes here are GIN (0013); every lookup also scans the index's list of entries not merged yet,
        // which may grow to 4 MB by default. The smallest list keeps a person's reads from scanning everyone's recent
        // writes (the open-task query: 3.5 -> 2.2 ms of PostgreSQL CPU at 5,000 tasks, load 11).
        '-c',
        'gin_pending_list_limit=64',
      ],
    }),
    { stopSignal: 'SIGINT', ready },
  );
  return {
    ...service,
    start: async () => {
      await prepare();
      await service.start();
    },
  };
};
