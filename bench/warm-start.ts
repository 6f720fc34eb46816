// `npm start` to `/ready`, measured twice on one fresh DATA_DIR: the first start (builds if needed, creates the
// local database) and a warm restart (nothing changed: no build, existing database). BENCH_PORT sets the port
// (default 3221). Leaves MONGODB_URI / REDIS_URL as they are, so by default it measures the local servers.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { report } from './support.js';

const PORT = Number(process.env.BENCH_PORT ?? 3221);

/** Seconds from spawning `npm start` until /ready answers 200; then stops it (SIGTERM, as Ctrl-C would). */
const startOnce = async (dataDir: string): Promise<number> => {
  const started = performance.now();
  const child = spawn('bash', ['scripts/start.sh'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${PORT}/ready`)
        .then((res) => res.status === 200)
        .catch(() => false);
      if (ready) return (performance.now() - started) / 1000;
      if (performance.now() - started > 600_000) throw new Error('not ready within 10 minutes');
      await sleep(50);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
};

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-start-'));
  try {
    const first = await startOnce(dataDir);
    const warm = await startOnce(dataDir);
    const warmAgain = await startOnce(dataDir);
    await report('warm-start', {
      first_start_to_ready_s: first,
      warm_start_to_ready_s: warm,
      warm_start_again_to_ready_s: warmAgain,
      // Wall-clock times stretch with other work on the machine; this says how busy it was.
      load_average_1m: loadavg()[0]!,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
