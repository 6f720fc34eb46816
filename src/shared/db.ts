import { MongoClient, type Db, type IndexDescription } from 'mongodb';

/** Indexes a collection needs; declared next to its repository and ensured at start-up. */
export type CollectionIndexes = { collection: string; indexes: IndexDescription[] };

export type Database = { client: MongoClient; db: Db };

export type ConnectOptions = { uri: string; dbName: string; appName?: string };

/** Connects with bounded pools and timeouts so a dead server fails requests fast instead of hanging them. */
export const connectDatabase = async ({
  uri,
  dbName,
  appName = 'focusforge',
}: ConnectOptions): Promise<Database> => {
  const client = new MongoClient(uri, {
    appName,
    maxPoolSize: 50,
    minPoolSize: 0,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    socketTimeoutMS: 30_000,
    maxIdleTimeMS: 60_000,
    retryWrites: false, // FerretDB 1.x does not speak retryable writes; our writes are idempotent by design
  });
  await client.connect();
  return { client, db: client.db(dbName) };
};

/**
 * Creates the declared indexes that do not exist yet; safe to run on every start. One at a time and only the
 * missing ones: FerretDB 1.24 crashes the connection when one createIndexes call repeats several existing indexes.
 */
export const ensureIndexes = async (db: Db, all: CollectionIndexes[]): Promise<void> => {
  for (const { collection, indexes } of all) {
    if (indexes.length === 0) continue;
    const existing = new Set(
      (
        await db
          .collection(collection)
          .listIndexes()
          .toArray()
          .catch(() => [])
      ).map((index) => String(index.name)),
    );
    for (const index of indexes) {
      if (index.name && existing.has(index.name)) continue;
      await db.collection(collection).createIndexes([index]);
    }
  }
};

/** True for a unique-index violation, the signal our idempotent inserts rely on. */
export const isDuplicateKeyError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/** Escapes user text for use inside a `$regex`, so a search for "a.b*" finds exactly that. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
