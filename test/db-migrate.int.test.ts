import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ferretDb } from '../src/dev/local-services.js';
import { runCli } from './support/spawn-cli.js';

const config = loadConfig({ NODE_ENV: 'test' });
let dataDir: string | undefined;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('focusforge db migrate', () => {
  it('copies the SQLite store of earlier versions into the database in use, and can run again', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'focusforge-migrate-'));
    const dbName = `migrate_${Date.now().toString(36)}`;
    const old = await ferretDb(config.ferretdbBin, { dataDir, backend: 'sqlite' });
    await old.start();
    const tasks = [1, 2, 3].map((n) => ({
      _id: `task_${n}`,
      userId: 'usr_a',
      parentId: n === 2 ? 'task_1' : null,
      title: `task ${n}`,
      at: new Date(n),
    }));
    const client = await MongoClient.connect(old.url);
    try {
      await client.db(dbName).collection<{ _id: string }>('tasks').insertMany(tasks);
      await client
        .db(dbName)
        .collection<{ _id: string; text: string }>('memories')
        .insertOne({ _id: 'mem_1', text: 'tea' });
    } finally {
      await client.close();
      await old.stop();
    }
    const env = {
      DATA_DIR: dataDir,
      MONGODB_URI: inject('mongodbUri'),
      REDIS_URL: inject('redisUrl'),
      MONGODB_DB: dbName,
      FERRETDB_BIN: config.ferretdbBin,
      LOG_LEVEL: 'warn',
    };

    const first = await runCli(['db', 'migrate'], env);
    expect(first.output).toContain('Migrated 2 collections: 4 documents copied, 0 already there');
    expect(first.code).toBe(0);
    const target = await MongoClient.connect(inject('mongodbUri'));
    try {
      const db = target.db(dbName);
      // Copied as they were, with the step marker of this version (a step's count reads it) added.
      expect(await db.collection('tasks').find().sort({ _id: 1 }).toArray()).toEqual(
        tasks.map((task) => ({ ...task, isStep: task.parentId !== null })),
      );
      expect(await db.collection('memories').findOne({ _id: 'mem_1' as never })).toEqual({
        _id: 'mem_1',
        text: 'tea',
      });
      const again = await runCli(['db', 'migrate'], env);
      expect(again.output).toContain('0 documents copied, 4 already there');
      expect(await db.collection('tasks').countDocuments()).toBe(3);
      await db.dropDatabase();
    } finally {
      await target.close();
    }
  });

  it('says so when there is nothing to migrate', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'focusforge-migrate-empty-'));
    try {
      const result = await runCli(['db', 'migrate'], { DATA_DIR: empty, MONGODB_URI: inject('mongodbUri') });
      expect(result.code).toBe(1);
      expect(result.output).toContain('nothing to migrate: no SQLite database at');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
