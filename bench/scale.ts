// How one person's reads and writes grow with everyone's data: 200 tasks per person (60% done, 5% deleted) plus
// memories and delivery-log entries, at 5,000 / 50,000 / 500,000 tasks in total (25 / 250 / 2,500 people). Per
// level, one person's operations over MCP (in process, as the planner calls them) take turns with the same reads
// and writes as raw driver calls on the same database, so both see the same data and the same machine load.
// `npm run bench -- scale [TOTAL...]` picks levels (default 5000 50000 500000); BENCH_SCALE_ITERATIONS (100) and
// BENCH_SCALE_WARMUP (10) set the rounds. Uses MONGODB_URI / REDIS_URL when set, else a throw-away local FerretDB
// (FERRETDB_BACKEND picks its store) and Redis. Seeded tasks have the stored shape the task repo writes (including
// `isStep`); the raw calls query what a hand-written driver call for the same result would.
import type { Client } from '@modelcontextprotocol/client';
import type { Db, Filter } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { TaskDoc } from '../src/domain/tasks/task-repo.js';
import { createUser } from '../src/domain/users/create-user.js';
import { createDeps } from '../src/main.js';
import { newId } from '../src/shared/ids.js';
import { connectInProcess } from '../src/tools/index.js';
import { percentile, report, startServices } from './support.js';

const TASKS_PER_PERSON = 200;
const MEMORIES_PER_PERSON = 20;
const DELIVERIES_PER_PERSON = 20;
const ITERATIONS = Number(process.env.BENCH_SCALE_ITERATIONS ?? 100);
const WARMUP = Number(process.env.BENCH_SCALE_WARMUP ?? 10);
const DAY = 86_400_000;
const WORDS = [
  'report',
  'email',
  'laundry',
  'dentist',
  'taxes',
  'groceries',
  'call',
  'invoice',
  'plan',
  'gym',
];

/** A stored task as the domain writes it; `n` spreads status, due dates and words. */
const taskDoc = (userId: string, n: number, now: number): TaskDoc => {
  const status = n % 20 < 12 ? 'done' : n % 20 < 17 ? 'todo' : 'in_progress';
  const dueAt = n % 4 === 0 ? null : new Date(now + ((n % 61) - 30) * DAY + (n % 24) * 3_600_000);
  const created = new Date(now - (n % 365) * DAY);
  const priority = (['low', 'medium', 'high', 'urgent'] as const)[n % 4]!;
  return {
    _id: newId('task'),
    userId,
    parentId: null,
    isStep: false,
    ancestorIds: [],
    title: `${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} #${n}`,
    notes: n % 3 === 0 ? `remember the ${WORDS[(n * 3) % WORDS.length]}` : null,
    status,
    priority,
    priorityRank: n % 4,
    timezone: 'Europe/Berlin',
    dueAt,
    dueDate: null,
    dueEndAt: dueAt,
    dueSortAt: dueAt ?? new Date('9999-12-31T00:00:00.000Z'),
    estimateMinutes: n % 2 === 0 ? 15 + (n % 4) * 15 : null,
    energy: null,
    tags: n % 5 === 0 ? ['home'] : [],
    recurrence: null,
    seriesId: null,
    occurrence: null,
    nextOccurrenceId: null,
    reminders: [],
    position: n,
    statusHistory: [{ status: 'todo', at: created, via: 'mcp' }],
    version: 1,
    createdAt: created,
    updatedAt: created,
    completedAt: status === 'done' ? new Date(created.getTime() + DAY) : null,
    deletedAt: n % 20 === 19 ? new Date(created.getTime() + DAY) : null,
    deletedWith: null,
  };
};

const memoryDoc = (userId: string, n: number, now: number) => {
  const at = new Date(now - n * 3_600_000);
  const id = newId('mem');
  const text = `likes ${WORDS[n % WORDS.length]} in the ${n % 2 ? 'morning' : 'evening'} (${n})`;
  return {
    _id: id,
    userId,
    tier: 'long_term',
    kind: 'preference',
    text,
    textKey: text.toLowerCase(),
    threadId: null,
    role: null,
    importance: 3,
    source: { via: 'mcp', ref: null },
    createdAt: at,
    position: at.getTime() * 1000,
    updatedAt: at,
    expiresAt: null,
    supersedes: null,
    supersededBy: null,
    lineage: id,
    useCount: 0,
    lastUsedAt: null,
  };
};

const deliveryDoc = (userId: string, n: number, now: number) => ({
  _id: newId('ntf'),
  userId,
  kind: 'reminder',
  channel: 'web',
  status: 'sent',
  taskId: null,
  dueAt: new Date(now - n * DAY),
  sentAt: new Date(now - n * DAY),
  createdAt: new Date(now - n * DAY),
});

/** Inserts `total` tasks for total/200 people in batches; the measured person is one of them. */
const seed = async (db: Db, total: number, measured: string) => {
  const now = Date.now();
  const people = Math.max(1, Math.round(total / TASKS_PER_PERSON));
  const started = performance.now();
  for (let p = 0; p < people; p++) {
    const userId = p === 0 ? measured : newId('usr');
    const tasks = Array.from({ length: TASKS_PER_PERSON }, (_, n) => taskDoc(userId, n + p, now));
    await db.collection<TaskDoc>('tasks').insertMany(tasks, { ordered: false });
    const memories = Array.from({ length: MEMORIES_PER_PERSON }, (_, n) => memoryDoc(userId, n, now));
    if (p > 0) await db.collection<{ _id: string }>('memories').insertMany(memories, { ordered: false });
    const deliveries = Array.from({ length: DELIVERIES_PER_PERSON }, (_, n) => deliveryDoc(userId, n, now));
    await db.collection<{ _id: string }>('notifications').insertMany(deliveries, { ordered: false });
    if (p % 250 === 249) console.log(`  seeded ${(p + 1) * TASKS_PER_PERSON} tasks`);
  }
  return { people, seedSeconds: (performance.now() - started) / 1000 };
};

type Op = { name: string; run: (i: number) => Promise<unknown> };

/**
 * The round's order: every other round, each raw call runs just before its MCP twin instead of just after. An
 * operation right after a heavy one pays for the work the machine is still finishing (measured: create_task over
 * MCP 1.5 ms after suggest_next_task, 1.0 ms after a light call), so a fixed order would charge that to one side.
 */
const inTurn = (ops: Op[], round: number): Op[] => {
  if (round % 2 === 0) return ops;
  const order = [...ops];
  for (let i = 0; i + 1 < order.length; i++) {
    const [first, second] = [order[i]!, order[i + 1]!];
    if (first.name.endsWith('_mcp') && second.name === `${first.name.slice(0, -4)}_raw`) {
      order[i] = second;
      order[i + 1] = first;
      i++;
    }
  }
  return order;
};

const mcpCall = (client: Client, name: string, args: Record<string, unknown>) =>
  // A generous timeout: a slow server is measured, not abandoned.
  client.callTool({ name, arguments: args }, { timeout: 600_000 }).then((result) => {
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    return result;
  });

const measureLevel = async (total: number, mongodbUri: string, redisUrl: string) => {
  const dbName = `bench_scale_${total}_${randomBytes(3).toString('hex')}`;
  const deps = await createDeps(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
      MONGODB_DB: dbName,
      MONGODB_TIMEOUT_MS: '120000', // measure a slow server instead of giving up on it
      MEMORY_INDEX_DIR: join(tmpdir(), dbName),
    }),
  );
  try {
    const profile = await createUser(deps.domain, { name: 'Measured', timezone: 'Europe/Berlin' }, 'system');
    const userId = profile.id;
    const { people, seedSeconds } = await seed(deps.database.db, total, userId);
    const mcp = await connectInProcess({
      actor: { userId, via: 'mcp' },
      domain: deps.domain,
      logger: deps.logger,
      agents: deps.agents,
      memory: deps.memory,
      scheduler: deps.jobs.scheduler,
    });
    const client = mcp.client;
    await client.listTools();
    for (let n = 0; n < 10; n++)
      await mcpCall(client, 'remember', { text: `${profile.name} ${memoryDoc(userId, n, Date.now()).text}` });
    const tasks = deps.database.db.collection<TaskDoc>('tasks');
    const open: Filter<TaskDoc> = { userId, deletedAt: null, status: { $in: ['todo', 'in_progress'] } };
    const created: string[] = [];
    const rawUser = newId('usr');
    const today = new Date().toISOString().slice(0, 10);
    const ops: Op[] = [
      { name: 'list_mcp', run: () => mcpCall(client, 'list_tasks', { limit: 25 }) },
      {
        name: 'list_raw',
        run: () => tasks.find(open).sort({ dueSortAt: 1, priorityRank: 1, _id: 1 }).limit(26).toArray(),
      },
      {
        name: 'today_mcp',
        run: () => client.readResource({ uri: 'focusforge://today' }, { timeout: 600_000 }),
      },
      {
        name: 'today_raw',
        run: () =>
          tasks
            .find({ ...open, dueAt: { $lt: new Date(`${today}T23:59:59Z`) } })
            .sort({ dueSortAt: 1 })
            .limit(51)
            .toArray(),
      },
      { name: 'search_mcp', run: (i) => mcpCall(client, 'list_tasks', { q: WORDS[i % WORDS.length] }) },
      { name: 'suggest_mcp', run: () => mcpCall(client, 'suggest_next_task', { availableMinutes: 30 }) },
      {
        name: 'create_mcp',
        run: async (i) => {
          const result = await mcpCall(client, 'create_task', { title: `bench task ${i}` });
          created.push((result.structuredContent as { id: string }).id);
        },
      },
      { name: 'create_raw', run: (i) => tasks.insertOne(taskDoc(rawUser, i, Date.now())) },
      { name: 'complete_mcp', run: () => mcpCall(client, 'complete_task', { taskId: created.shift() }) },
      { name: 'recall_mcp', run: (i) => mcpCall(client, 'recall', { query: WORDS[i % WORDS.length]! }) },
    ];
    const samples = new Map<string, number[]>(ops.map((op) => [op.name, []]));
    for (let round = -WARMUP; round < ITERATIONS; round++) {
      for (const op of inTurn(ops, round)) {
        const started = performance.now();
        await op.run(round + WARMUP);
        if (round >= 0) samples.get(op.name)!.push(performance.now() - started);
      }
    }
    await mcp.close();
    const results: Record<string, number> = {
      [`people_${total}`]: people,
      [`seed_${total}_s`]: seedSeconds,
      // Wall-clock times stretch with other work on the machine; this says how busy it was while measuring.
      [`load_average_1m_${total}`]: loadavg()[0]!,
    };
    for (const [name, values] of samples) {
      results[`${name}_${total}_p50_ms`] = percentile(values, 50);
      results[`${name}_${total}_p99_ms`] = percentile(values, 99);
    }
    return results;
  } finally {
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    await rm(join(tmpdir(), dbName), { recursive: true, force: true });
  }
};

export const run = async (): Promise<void> => {
  const levels = process.argv.slice(3).map(Number);
  const totals = levels.length > 0 ? levels : [5_000, 50_000, 500_000];
  if (totals.some((n) => !Number.isInteger(n) || n < TASKS_PER_PERSON))
    throw new Error(`levels are task totals of at least ${TASKS_PER_PERSON}`);
  const name = process.env.BENCH_SCALE_NAME ?? 'scale';
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-scale-'));
  const { mongodbUri, redisUrl, started } = await startServices(dataDir);
  const results: Record<string, number> = { iterations: ITERATIONS };
  try {
    for (const total of totals) {
      console.log(`level ${total} tasks`);
      Object.assign(results, await measureLevel(total, mongodbUri, redisUrl));
      await report(name, results); // each level as it is done, so a long run keeps what it measured
    }
    const [low, high] = [Math.min(...totals), Math.max(...totals)];
    if (high > low) {
      for (const key of Object.keys(results).filter((k) => k.endsWith(`_${low}_p50_ms`))) {
        const op = key.slice(0, -`_${low}_p50_ms`.length);
        results[`ratio_${op}_p50_${high}_vs_${low}`] =
          results[`${op}_${high}_p50_ms`]! / results[`${op}_${low}_p50_ms`]!;
      }
    }
    for (const total of totals) {
      const list = results[`list_mcp_${total}_p50_ms`]!;
      results[`list_mcp_over_raw_${total}`] = list / results[`list_raw_${total}_p50_ms`]!;
      results[`create_mcp_over_raw_${total}`] =
        results[`create_mcp_${total}_p50_ms`]! / results[`create_raw_${total}_p50_ms`]!;
    }
  } finally {
    for (const service of started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  await report(name, results);
};
