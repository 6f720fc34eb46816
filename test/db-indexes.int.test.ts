import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { inboxIndexes } from '../src/channels/web/index.js';
import { auditIndexes } from '../src/domain/audit/audit-log.js';
import { notificationIndexes } from '../src/domain/notifications/notification-repo.js';
import { stepCountFilter, taskIndexes } from '../src/domain/tasks/task-repo.js';
import { current, memoryCollectionIndexes } from '../src/memory/memory-repo.js';
import { checkpointIndexes } from '../src/planner/checkpoint/mongo-saver.js';
import { conversationIndexes } from '../src/planner/conversation-store.js';
import type { CollectionIndexes } from '../src/shared/db.js';
import { newId } from '../src/shared/ids.js';
import { databaseKind } from './support/database-kind.js';
import { useTestEnv } from './support/test-env.js';

const env = useTestEnv();

const PEOPLE = 20;
const PER_PERSON = 100;

/** Every node of a PostgreSQL plan (FerretDB on PostgreSQL) or a MongoDB winning plan, depth first. */
const planNodes = (plan: Document | undefined): Document[] =>
  plan
    ? [
        plan,
        ...(
          (plan.Plans ?? plan.inputStages ?? (plan.inputStage ? [plan.inputStage] : [])) as Document[]
        ).flatMap(planNodes),
      ]
    : [];

/**
 * The indexes that serve a query, as the server reports them: PostgreSQL index scans (FerretDB names them
 * `<table>_<index name>_<hash>_idx`) or MongoDB IXSCAN stages. Empty means the server reads the whole collection.
 */
const indexesUsed = async (collection: string, filter: Document, sort?: Document): Promise<string[]> => {
  const explained = await env().database.db.command({
    explain: { find: collection, filter, ...(sort ? { sort } : {}), limit: 26 },
  });
  const planner = explained.queryPlanner as Document | undefined;
  const nodes = planNodes((planner?.Plan ?? planner?.winningPlan) as Document | undefined);
  return nodes.flatMap((node) => {
    if (typeof node['Index Name'] === 'string') return [node['Index Name'] as string];
    if (node.stage === 'IXSCAN' && typeof node.indexName === 'string') return [node.indexName as string];
    if (node.stage === 'IDHACK' || node.stage === 'EXPRESS_IXSCAN') return ['_id_']; // MongoDB's _id fast path
    return [];
  });
};

/** The fields an index scan of the query's plan is bounded by (PostgreSQL: its index condition; MongoDB: its keys). */
const indexKeys = async (collection: string, filter: Document): Promise<string[]> => {
  const explained = await env().database.db.command({ explain: { find: collection, filter } });
  const planner = explained.queryPlanner as Document | undefined;
  return planNodes((planner?.Plan ?? planner?.winningPlan) as Document | undefined).flatMap((node) => [
    ...[...String(node['Index Cond'] ?? '').matchAll(/'(\w+)'::text/g)].map((m) => m[1]!),
    ...Object.keys((node.stage === 'IXSCAN' ? node.keyPattern : undefined) ?? {}),
  ]);
};

const seed = async (collection: string, doc: (userId: string, n: number) => Document) => {
  const docs: Document[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const userId = `usr_explain_${p}`;
    for (let n = 0; n < PER_PERSON; n++) docs.push({ _id: newId('doc'), ...doc(userId, n) });
  }
  await env().database.db.collection(collection).insertMany(docs);
};

/**
 * Some index serves the query, and every index used is one declared in code for the collection whose first key is
 * the owner field (`name` as the MongoDB index name; on FerretDB/PostgreSQL part of the table index's name).
 */
const expectServedBy = (used: string[], declared: CollectionIndexes, owner: string) => {
  const names = declared.indexes
    .filter((index) => Object.keys(index.key)[0] === owner)
    .map((index) => String(index.name ?? '_id_'));
  // FerretDB names a table's index `<collection>_<hash>_<name>_idx`, cutting a long name short and adding a hash.
  const fits = (index: string) => {
    const part = /^.+?_[0-9a-f]{8}_(.+)_idx$/.exec(index.toLowerCase())?.[1];
    const cut = part ? /^(.+)_[0-9a-f]{8}$/.exec(part)?.[1] : undefined;
    return names.some((name) => {
      const lower = name.toLowerCase();
      return index === name || part === lower || (cut !== undefined && lower.startsWith(cut));
    });
  };
  expect(used.length > 0 && used.every(fits), `indexes used: ${JSON.stringify(used)}`).toBe(true);
};

describe('hot per-person reads are served by the indexes declared in code, not by reading everyone', () => {
  it('open tasks by due date and today, memories, delivery log, inbox, checkpoints and conversation turns', async ({
    skip,
  }) => {
    // FerretDB's SQLite backend uses no index but `_id` (decision 0013): nothing to verify there.
    if ((await databaseKind(env().database.db)) === 'ferretdb-sqlite')
      skip('FerretDB on SQLite serves no index but _id');
    const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);
    await Promise.all([
      seed('tasks', (userId, n) => ({
        userId,
        deletedAt: null,
        status: n % 3 === 0 ? 'done' : 'todo',
        dueSortAt: at(n),
        dueAt: at(n),
        priorityRank: n % 4,
        parentId: n % 10 === 3 ? `task_parent_${userId}_${n}` : null,
        isStep: n % 10 === 3,
      })),
      seed('memories', (userId, n) => ({
        userId,
        tier: 'long_term',
        supersededBy: null,
        expiresAt: null,
        updatedAt: at(n),
      })),
      seed('notifications', (userId, n) => ({ userId, createdAt: at(n), occurrenceKey: `${userId}:${n}` })),
      seed('inbox', (userId, n) => ({ userId, createdAt: at(n), readAt: null })),
      seed('audit_log', (userId, n) => ({
        userId,
        action: n % 20 === 0 ? 'task.snoozed' : 'task.updated',
        at: at(n),
      })),
      seed('planner_checkpoints', (userId, n) => ({
        thread: `${userId}:web`,
        ns: '',
        kind: 'checkpoint',
        seq: n,
      })),
      seed('planner_turns', (userId, n) => ({ threadKey: `${userId}:web`, userId, createdAt: at(n) })),
    ]);
    const userId = 'usr_explain_7';
    const open = { userId, deletedAt: null, status: { $in: ['todo', 'in_progress'] } };

    const tasks = taskIndexes;
    expectServedBy(
      await indexesUsed('tasks', open, { dueSortAt: 1, priorityRank: 1, _id: 1 }),
      tasks,
      'userId',
    );
    const today = { ...open, $and: [{ dueAt: { $lt: at(24) } }] };
    expectServedBy(await indexesUsed('tasks', today, { dueSortAt: 1 }), tasks, 'userId');
    expectServedBy(
      await indexesUsed('memories', current(userId, new Date()), { updatedAt: -1 }),
      memoryCollectionIndexes,
      'userId',
    );
    expectServedBy(
      await indexesUsed('notifications', { userId }, { createdAt: -1 }),
      notificationIndexes[0]!,
      'userId',
    );
    expectServedBy(
      await indexesUsed('inbox', { userId, readAt: null }, { createdAt: -1 }),
      inboxIndexes,
      'userId',
    );
    expectServedBy(
      await indexesUsed(
        'planner_checkpoints',
        { thread: `${userId}:web`, ns: '', kind: 'checkpoint' },
        { seq: -1 },
      ),
      checkpointIndexes,
      'thread',
    );
    expectServedBy(
      await indexesUsed('planner_turns', { threadKey: `${userId}:web`, userId }, { createdAt: -1 }),
      conversationIndexes[0]!,
      'threadKey',
    );
    // The step counts of a page: the index narrows the read to the person's steps (a marker every step carries),
    // so the server never tests each of the page's ids against every task the person has.
    const stepCount = stepCountFilter(userId, ['task_a', 'task_b', 'task_c']);
    expectServedBy(await indexesUsed('tasks', stepCount), tasks, 'userId');
    expect(await indexKeys('tasks', stepCount)).toContain('isStep');
    // The snoozes behind suggest_next_task: the person's snooze entries, not their whole audit trail.
    const snoozes = { userId, action: 'task.snoozed' };
    expectServedBy(await indexesUsed('audit_log', snoozes, { at: -1 }), auditIndexes, 'userId');
    expect(await indexKeys('audit_log', snoozes)).toContain('action');
    // A lookup by id reads one document through the `_id` index.
    const byId = { collection: 'tasks', indexes: [{ key: { _id: 1 }, name: '_id_' }] };
    expectServedBy(await indexesUsed('tasks', { _id: 'task_missing' }), byId, '_id');
  });
});
