import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MongoBulkWriteError, MongoClient, type Document } from 'mongodb';
import type { Config } from '../config.js';
import { markTaskSteps } from '../domain/index.js';
import { closeDatabase, connectDatabase } from '../shared/index.js';
import { attachLocalServices, ferretDb } from './local-services.js';

const BATCH = 500;

/** True when every failure of a bulk insert is "already there": the document was copied by an earlier run. */
const onlyDuplicates = (error: unknown): boolean =>
  error instanceof MongoBulkWriteError &&
  error.writeErrors !== undefined &&
  (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]).every((e) => e.code === 11000);

/**
 * `focusforge db migrate`: copies every collection of MONGODB_DB from the SQLite-backed local FerretDB that earlier
 * versions kept in DATA_DIR/ferretdb into the database in use now (the local PostgreSQL-backed one, or MONGODB_URI).
 * Documents already there are kept as they are, so it can be run again after an interruption.
 */
export const migrateLocalSqlite = async (
  config: Config,
  log: (message: string) => void,
): Promise<{ collections: number; copied: number; kept: number }> => {
  const file = join(config.dataDir, 'ferretdb', `${config.mongodbDb}.sqlite`);
  if (!existsSync(file)) throw new Error(`nothing to migrate: no SQLite database at ${file}`);
  const old = await ferretDb(config.ferretdbBin, { dataDir: config.dataDir, backend: 'sqlite' });
  await old.start();
  const local = await attachLocalServices({ ...config, ferretdbBackend: 'postgresql' }).catch(
    async (error: unknown) => {
      await old.stop();
      throw error;
    },
  );
  const source = new MongoClient(old.url, { socketTimeoutMS: 600_000 });
  const target = await connectDatabase({
    uri: local.mongodbUri,
    dbName: config.mongodbDb,
    timeoutMs: 60_000,
  });
  let collections = 0;
  let copied = 0;
  let kept = 0;
  try {
    const from = source.db(config.mongodbDb);
    for (const { name } of await from.listCollections({}, { nameOnly: true }).toArray()) {
      collections += 1;
      const into = target.db.collection<Document>(name);
      let batch: Document[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        try {
          copied += (await into.insertMany(batch, { ordered: false })).insertedCount;
        } catch (error) {
          if (!onlyDuplicates(error)) throw error;
          const inserted = (error as MongoBulkWriteError).result.insertedCount;
          copied += inserted;
          kept += batch.length - inserted;
        }
        batch = [];
      };
      for await (const doc of from.collection(name).find()) {
        batch.push(doc);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      log(`${name}: copied`);
    }
    await markTaskSteps(target.db, { force: true }); // the copied tasks predate the marker this database may have
  } finally {
    await source.close();
    await closeDatabase(target);
    await local.release();
    await old.stop();
  }
  return { collections, copied, kept };
};
