import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ferretDb, redisServer, type LocalService } from '../../src/dev/local-services.js';

/** MONGODB_URI / REDIS_URL when set; otherwise a throw-away FerretDB and Redis for this run, like the tests use. */
export const startEvalServices = async (
  configured: { mongodbUri: string | undefined; redisUrl: string | undefined },
  bins: { ferretdbBin: string; redisServerBin: string },
) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-eval-'));
  const started: LocalService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    let { mongodbUri, redisUrl } = configured;
    if (!mongodbUri) {
      const service = await ferretDb(bins.ferretdbBin, { dataDir });
      await service.start();
      started.push(service);
      mongodbUri = service.url;
    }
    if (!redisUrl) {
      const service = await redisServer(bins.redisServerBin, { dataDir });
      await service.start();
      started.push(service);
      redisUrl = service.url;
    }
    return { mongodbUri, redisUrl, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
