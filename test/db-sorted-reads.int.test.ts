import { ObjectId, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/shared/ids.js';
import { kindOfPlan } from './support/database-kind.js';
import { useTestEnv } from './support/test-env.js';

// The local FerretDB sorts and limits in PostgreSQL, and counts there, when it can do so exactly
// (docs/decisions/0015-ferretdb-sort-pushdown.md). These tests hold it to what a MongoDB server answers: a sorted,
// limited find is the first part of the same find sorted in full, whatever types the sorted fields hold, and a count
// is the number of documents the find returns. On MongoDB they check MongoDB against itself.

const env = useTestEnv();

/** A small deterministic generator, so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

/** A value of any type a sorted field may hold, including the ones PostgreSQL cannot order (arrays, documents). */
const anyValue = (next: () => number, n: number): unknown => {
  const values: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => Math.floor(next() * 20) - 5,
    () => Math.round(next() * 2_000) / 100 - 5,
    () => ['a', 'B', 'b', 'é', 'Z', 'aa', '', '10', '9', 'zz'][n % 10],
    () => new ObjectId(),
    () => next() < 0.5,
    () => new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 10) * 86_400_000),
    () => [Math.floor(next() * 10), 'x'],
    () => [],
    () => ({ a: Math.floor(next() * 3) }),
  ];
  return values[Math.floor(next() * values.length)]!();
};

/** A value of every type PostgreSQL orders itself: missing, null, numbers, strings, object ids, booleans, dates. */
const orderableValue = (next: () => number, n: number): unknown => {
  const values: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => Math.floor(next() * 20) - 5,
    () => Math.round(next() * 2_000) / 100 - 5,
    () => ['a', 'B', 'b', 'é', 'Z', 'aa', '', '10', '9', 'zz'][n % 10],
    () => new ObjectId(),
    () => next() < 0.5,
    () => new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 10) * 86_400_000),
  ];
  return values[Math.floor(next() * values.length)]!();
};

const seed = async (name: string, docs: number, value: (next: () => number, n: number) => unknown) => {
  const next = random(docs);
  const rows: Document[] = [];
  for (let n = 0; n < docs; n++) {
    const row: Document = {
      _id: newId('doc'),
      owner: `usr_${n % 3}`,
      status: ['todo', 'in_progress', 'done'][n % 3 === 0 ? 2 : Math.floor(next() * 3)],
      deletedAt: n % 7 === 0 ? new Date() : next() < 0.5 ? null : undefined,
      tags: n % 5 === 0 ? ['x', 'y'] : n % 5 === 1 ? 'x' : [],
    };
    for (const field of ['a', 'b', 'c']) {
      const v = value(next, n + field.charCodeAt(0));
      if (v !== undefined) row[field] = v;
    }
    if (row.deletedAt === undefined) delete row.deletedAt;
    rows.push(row);
  }
  await env().database.db.collection(name).insertMany(rows);
  return env().database.db.collection(name);
};

const FILTERS: Document[] = [
  {},
  { owner: 'usr_1' },
  { owner: 'usr_2', deletedAt: null },
  { owner: 'usr_0', status: { $in: ['todo', 'in_progress'] }, deletedAt: null },
  { tags: 'x' },
  { deletedAt: null, a: { $gt: 0 } },
  { status: { $eq: 'done' } },
];

const SORTS: Document[] = [
  { a: 1, _id: 1 },
  { a: -1, _id: 1 },
  { b: 1, a: -1, _id: -1 },
  { c: -1, _id: 1 },
  { a: 1, b: 1, c: 1, _id: 1 },
];

const ids = (rows: Document[]) => rows.map((row) => String(row._id));

const expectPrefixes = async (name: string, value: typeof anyValue) => {
  const collection = await seed(name, 240, value);
  for (const filter of FILTERS) {
    for (const sort of SORTS) {
      const all = ids(await collection.find(filter).sort(sort).toArray());
      for (const limit of [1, 5, 26, 300]) {
        const page = ids(await collection.find(filter).sort(sort).limit(limit).toArray());
        expect(page, `${JSON.stringify(filter)} ${JSON.stringify(sort)} limit ${limit}`).toEqual(
          all.slice(0, limit),
        );
      }
      const skipped = ids(await collection.find(filter).sort(sort).skip(3).limit(4).toArray());
      expect(skipped).toEqual(all.slice(3, 7));
    }
    const found = (await collection.find(filter).toArray()).length;
    const counted = await env().database.db.command({ count: name, query: filter });
    expect(counted.n, `count ${JSON.stringify(filter)}`).toBe(found);
  }
};

describe('sorted, limited reads and counts', () => {
  it('return what sorting everything returns, for fields holding every kind of value', async () => {
    await expectPrefixes('sorted_any', anyValue);
  });

  it('return what sorting everything returns, for fields holding values the database orders itself', async () => {
    await expectPrefixes('sorted_plain', orderableValue);
  });

  it('a person’s open tasks by due date are sorted and limited by the database, not after reading them all', async () => {
    const collection = await seed('sorted_explain', 200, orderableValue);
    await collection.createIndex({ owner: 1, status: 1 }, { name: 'owner_status' });
    const explained = await env().database.db.command({
      explain: {
        find: 'sorted_explain',
        filter: { owner: 'usr_1', deletedAt: null, status: { $in: ['todo', 'in_progress'] } },
        sort: { a: 1, b: 1, _id: 1 },
        limit: 26,
      },
    });
    // FerretDB on PostgreSQL (the embedded default) reports what it pushed down. MongoDB always sorts and limits in
    // the server, and FerretDB's SQLite backend never does.
    if (kindOfPlan(explained) === 'ferretdb-postgresql') {
      expect(explained).toMatchObject({ filterPushdown: true, sortPushdown: true, limitPushdown: true });
      const plan = JSON.stringify(explained.queryPlanner);
      expect(plan).toContain('"Node Type":"Limit"');
      expect(plan).toContain('"Index Name"');
    }
  });
});
