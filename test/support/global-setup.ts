import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context.js';
import { loadConfig } from '../../src/config.js';
import { ferretDb, redisServer, type LocalService } from '../../src/dev/local-services.js';

/** Uses MONGODB_URI / REDIS_URL when set; otherwise starts FerretDB and Redis for this test run only. */
export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-test-'));
  const started: LocalService[] = [];
  let mongodbUri = config.mongodbUri;
  let redisUrl = config.redisUrl;
  if (!mongodbUri) {
    const service = await ferretDb(config.ferretdbBin, { dataDir });
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
