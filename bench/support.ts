import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { ferretDb, redisServer, type LocalService } from '../src/dev/local-services.js';

/** The q-th percentile (0..100) of samples, nearest-rank. */
export const percentile = (samples: number[], q: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank]!;
};

/** Times `fn` `iterations` times after `warmup` runs; returns per-call milliseconds. */
export const timeIt = async (
  iterations: number,
  fn: (i: number) => Promise<unknown> | unknown,
  warmup = 20,
): Promise<number[]> => {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
};

const round = (n: number) => (Number.isInteger(n) ? n : Math.round(n * 1000) / 1000);

/** Prints a readable table and writes bench/results/NAME.json as a flat object of named numbers. */
export const report = async (name: string, results: Record<string, number>): Promise<void> => {
  const rows = Object.entries(results).map(([key, value]) => ({ metric: key, value: round(value) }));
  console.table(rows);
  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify(Object.fromEntries(rows.map((r) => [r.metric, r.value])), null, 2)}\n`,
  );
  console.log(`wrote ${file}`);
};

/** MONGODB_URI / REDIS_URL when set; otherwise a throw-away FerretDB and Redis under `dataDir` (stop `started`). */
export const startServices = async (dataDir: string) => {
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const started: LocalService[] = [];
  let mongodbUri = base.mongodbUri;
  let redisUrl = base.redisUrl;
  if (!mongodbUri) {
    const service = await ferretDb(base.ferretdbBin, {
      dataDir,
      backend: base.ferretdbBackend,
      postgresBinDir: base.postgresBinDir,
    });
    await service.start();
    started.push(service);
    mongodbUri = service.url;
  }
  if (!redisUrl) {
    const service = await redisServer(base.redisServerBin, { dataDir });
    await service.start();
    started.push(service);
    redisUrl = service.url;
  }
  return { mongodbUri, redisUrl, started };
};
