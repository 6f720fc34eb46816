import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context.js';
import {
  createMemory,
  createOfflineEmbedder,
  memoryIndexes,
  type CreateMemoryOptions,
  type MemoryService,
} from '../../src/memory/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { closeDatabase, connectDatabase, ensureIndexes, type Database } from '../../src/shared/db.js';

export type MemoryTestEnv = {
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  indexDirectory: string;
  /** A memory service over this file's database, as a fresh process would build it; closed after the file. */
  start: (overrides?: Partial<CreateMemoryOptions>) => MemoryService;
};

/** A fresh database, index directory and clock for one test file; memory services started on it are closed after. */
export const useMemoryEnv = (start = '2025-06-02T09:00:00Z'): (() => MemoryTestEnv) => {
  let env: MemoryTestEnv | undefined;
  const services: MemoryService[] = [];
  beforeAll(async () => {
    const database = await connectDatabase({
      uri: inject('mongodbUri'),
      dbName: `fftest_mem_${randomBytes(6).toString('hex')}`,
    });
    await ensureIndexes(database.db, memoryIndexes);
    const indexDirectory = await mkdtemp(join(tmpdir(), 'ff-memory-index-'));
    const clock = fixedClock(start);
    env = {
      database,
      clock,
      indexDirectory,
      start: (overrides = {}) => {
        const service = createMemory({
          db: database.db,
          embedder: createOfflineEmbedder(),
          clock,
          indexDirectory,
          ...overrides,
        });
        services.push(service);
        return service;
      },
    };
  });
  afterAll(async () => {
    for (const service of services) await service.close().catch(() => undefined);
    if (!env) return;
    await env.database.db.dropDatabase().catch(() => undefined);
    await closeDatabase(env.database);
    await rm(env.indexDirectory, { recursive: true, force: true });
  });
  return () => {
    if (!env) throw new Error('memory env is not ready (use it inside a test or hook)');
    return env;
  };
};
