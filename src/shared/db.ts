import { MongoClient, type Db, type Document, type Filter, type IndexDescription } from 'mongodb';

/** Indexes a collection needs; declared next to its repository and ensured at start-up. */
export type CollectionIndexes = { collection: string; indexes: IndexDescription[] };

/** `db` serves requests (bounded by `timeoutMs`); `backgroundDb` serves scans and index builds that may run long. */
export type Database = { client: MongoClient; db: Db; backgroundClient: MongoClient; backgroundDb: Db };

export type ConnectOptions = {
  uri: string;
  dbName: string;
  appName?: string;
  /** How long one request-path call may wait on the server (selection, connecting, each reply). */
  timeoutMs?: number;
};

/** Background work (worker scans over whole collections on FerretDB, index builds) gets this long per reply. */
const BACKGROUND_SOCKET_TIMEOUT_MS = 120_000;

/**
 * Connects with bounded pools and timeouts so a dead or frozen server fails requests fast instead of hanging them.
 * Driver 7 ignores `timeoutMS` (CSOT), so the bound is per step: server selection, connection handshake and each
 * reply (`socketTimeoutMS`; a frozen server's socket stays open, so only this one notices). A request past it gets
 * a MongoNetworkError, which edges turn into UNAVAILABLE (503, "try again").
 */
export const connectDatabase = async ({
  uri,
  dbName,
  appName = 'focusforge',
  timeoutMs = 3_000,
}: ConnectOptions): Promise<Database> => {
  const common = {
    appName,
    minPoolSize: 0,
    maxIdleTimeMS: 60_000,
    retryWrites: false, // FerretDB 1.x does not speak retryable writes; our writes are idempotent by design
  };
  const client = new MongoClient(uri, {
    ...common,
    maxPoolSize: 50,
    // A retried read waits the whole bound again; the caller hears "try again" and decides instead.
    retryReads: false,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    waitQueueTimeoutMS: timeoutMs,
  });
  const backgroundClient = new MongoClient(uri, {
    ...common,
    appName: `${appName}-background`,
    maxPoolSize: 10,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    socketTimeoutMS: BACKGROUND_SOCKET_TIMEOUT_MS,
  });
  await client.connect();
  try {
    await backgroundClient.connect();
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, db: client.db(dbName), backgroundClient, backgroundDb: backgroundClient.db(dbName) };
};

/** Closes both connection pools. */
export const closeDatabase = async (database: Database): Promise<void> => {
  await Promise.all([database.client.close(), database.backgroundClient.close()]);
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

/**
 * How many documents of `collection` match `filter`, by the `count` command. MongoDB counts in the server either way;
 * the local FerretDB counts an owner-and-equality filter in PostgreSQL without reading the documents (decision 0015),
 * while the driver's `countDocuments`, an aggregation, reads and decodes every match there.
 */
export const countMatching = async <T extends Document>(
  db: Db,
  collection: string,
  filter: Filter<T>,
): Promise<number> => Number((await db.command({ count: collection, query: filter })).n);
