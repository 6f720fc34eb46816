import type { Db, Document } from 'mongodb';

/**
 * Which server the tests run on, told by its query plans: FerretDB on PostgreSQL (the embedded default) reports
 * PostgreSQL's plan tree, FerretDB on SQLite a list of SQLite plan lines, MongoDB a winning plan. `MONGODB_URI` may
 * point the suite at any of them; tests of what only one backend does (its index use, what it can store) ask this.
 */
export type DatabaseKind = 'ferretdb-postgresql' | 'ferretdb-sqlite' | 'mongodb';

export const kindOfPlan = (explained: Document): DatabaseKind => {
  const plan = (explained.queryPlanner as Document | undefined)?.Plan as unknown;
  if (Array.isArray(plan)) return 'ferretdb-sqlite';
  return plan && typeof plan === 'object' ? 'ferretdb-postgresql' : 'mongodb';
};

export const databaseKind = async (db: Db): Promise<DatabaseKind> => {
  // FerretDB plans nothing for a collection that does not exist, so the probe makes sure it does.
  const probe = db.collection<{ _id: string }>('database_kind_probe');
  await probe.updateOne({ _id: 'probe' }, { $set: { _id: 'probe' } }, { upsert: true });
  return kindOfPlan(await db.command({ explain: { find: probe.collectionName, filter: { _id: 'none' } } }));
};
