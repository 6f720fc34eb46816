import { randomBytes } from 'node:crypto';
import { Annotation, StateGraph } from '@langchain/langgraph';
import { emptyCheckpoint, uuid6 } from '@langchain/langgraph-checkpoint';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './support/provided-context.js';
import { MongoSaver } from '../src/planner/checkpoint/mongo-saver.js';
import { closeDatabase, connectDatabase, type Database } from '../src/shared/db.js';

let database: Database;
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongodbUri'),
    dbName: `fftest_${randomBytes(6).toString('hex')}`,
  });
});
afterAll(async () => {
  await database?.db.dropDatabase().catch(() => undefined);
  if (database) await closeDatabase(database);
});

const CounterState = Annotation.Root({
  count: Annotation<number>({ reducer: (_old, next) => next, default: () => 0 }),
  said: Annotation<string[]>({ reducer: (old, next) => [...old, ...next].slice(-50), default: () => [] }),
});

/** One graph per "process": its own saver (and so its own in-memory heads) over the shared database. */
const processWith = (saver: MongoSaver) =>
  new StateGraph(CounterState)
    .addNode('tick', (state: typeof CounterState.State) => ({
      count: state.count + 1,
      said: [`turn ${state.count + 1}`],
    }))
    .addEdge('__start__', 'tick')
    .addEdge('tick', '__end__')
    .compile({ checkpointer: saver });

const turn = async (graph: ReturnType<typeof processWith>, thread: string) =>
  (await graph.invoke(
    { said: [] },
    { configurable: { thread_id: thread }, durability: 'exit' },
  )) as typeof CounterState.State;

/** Saves a thread's first (input) version directly through the saver; its config is where later saves build on. */
const saveFirst = async (saver: MongoSaver, thread: string) => {
  const config = { configurable: { thread_id: thread, checkpoint_ns: '' } };
  const saved = await saver.put(
    config,
    { ...emptyCheckpoint(), id: uuid6(-1) },
    { source: 'input', step: -1, parents: {} },
    {},
  );
  return { config, saved };
};

const versionsOf = (thread: string) =>
  database.db.collection('planner_checkpoints').countDocuments({ thread, kind: 'checkpoint' });

describe('the planner checkpointer (insert-only versions)', () => {
  it('resumes a thread in a new process and keeps only the newest versions', async () => {
    const first = new MongoSaver(database.db);
    const graph = processWith(first);
    for (let i = 0; i < 40; i++) await turn(graph, 'long');
    await first.idle();
    expect((await turn(graph, 'long')).count).toBe(41);
    await first.idle();
    // Pruned every 16 saves down to the newest two; never more than 16 + 2 versions in between.
    expect(await versionsOf('long')).toBeLessThanOrEqual(18);
    expect(await versionsOf('long')).toBeGreaterThanOrEqual(2);

    const restarted = processWith(new MongoSaver(database.db));
    const resumed = await turn(restarted, 'long');
    expect(resumed.count).toBe(42);
    expect(resumed.said.slice(-2)).toEqual(['turn 41', 'turn 42']);
  });

  it('sees what another process saved since it last looked', async () => {
    const a = processWith(new MongoSaver(database.db));
    const b = processWith(new MongoSaver(database.db));
    await turn(a, 'shared');
    await turn(a, 'shared');
    expect((await turn(b, 'shared')).count).toBe(3); // b has never seen the thread
    expect((await turn(a, 'shared')).count).toBe(4); // a's memory is one version behind: it notices
    expect((await turn(b, 'shared')).count).toBe(5);
  });

  it('lets the later of two racing saves win, losing neither write', async () => {
    const a = new MongoSaver(database.db);
    const b = new MongoSaver(database.db);
    const { config, saved: base } = await saveFirst(a, 'race');
    await b.getTuple(config); // both now hold the same newest version
    const fromA = { ...emptyCheckpoint(), id: uuid6(-1) };
    const fromB = { ...emptyCheckpoint(), id: uuid6(-1) };
    await a.put(base, fromA, { source: 'loop', step: 0, parents: {} }, {});
    await b.put(base, fromB, { source: 'loop', step: 0, parents: {} }, {});
    const newest = await new MongoSaver(database.db).getTuple(config);
    expect(newest?.checkpoint.id).toBe(fromB.id);
    expect(await versionsOf('race')).toBe(3);
  });

  it('stores pending writes with their checkpoint and deletes a whole thread', async () => {
    const saver = new MongoSaver(database.db);
    const { config, saved } = await saveFirst(saver, 'writes');
    await saver.putWrites(saved, [['count', 7]], 'task-1');
    await saver.putWrites(saved, [['said', ['hello']]], 'task-2');
    for (const reader of [saver, new MongoSaver(database.db)]) {
      const tuple = await reader.getTuple(config);
      expect(tuple?.pendingWrites?.map(([task, channel, value]) => [task, channel, value])).toEqual([
        ['task-1', 'count', 7],
        ['task-2', 'said', ['hello']],
      ]);
    }
    await saver.deleteThread('writes');
    expect(await saver.getTuple(config)).toBeUndefined();
    expect(await database.db.collection('planner_checkpoints').countDocuments({ thread: 'writes' })).toBe(0);
  });
});
