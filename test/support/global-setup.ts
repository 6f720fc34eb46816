import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context.js';
import { loadConfig } from '../../src/config.js';
import { ferretDb, redisServer, type LocalService } from '../../src/dev/local-services.js';

/** Builds dist/ when any source file is newer, so tests that spawn the real CLI run the current code. */
const ensureBuilt = () => {
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }
    return latest;
  };
  const cli = 'dist/cli.js';
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest('src')) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  } catch {
    // tsc still emits; the type errors are reported by `npm test`'s typecheck step
    console.warn('build reported type errors; tests that spawn the CLI use what was emitted');
  }
};

/** Uses MONGODB_URI / REDIS_URL when set; otherwise starts FerretDB and Redis for this test run only. */
export default async function setup(project: TestProject) {
  ensureBuilt();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-test-'));
  const started: LocalService[] = [];
  let mongodbUri = config.mongodbUri;
  let redisUrl = config.redisUrl;
  if (!mongodbUri) {
    const service = await ferretDb(config.ferretdbBin, {
      dataDir,
      backend: config.ferretdbBackend,
      postgresBinDir: config.postgresBinDir,
    });
    await service.start();
    started.push(service);
    mongodbUri = service.url;
  }
  if (!redisUrl) {
    const service = await redisServer(config.redisServerBin, { dataDir });
    await service.start();
    started.push(service);
    redisUrl = service.url;
  }
  project.provide('mongodbUri', mongodbUri);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const service of started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
