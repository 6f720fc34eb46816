import { describe, expect, it } from 'vitest';
import { markTaskSteps } from '../src/domain/tasks/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { taskCalls, titles } from './support/task-calls.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2025-06-10T10:00:00Z'); // a Tuesday
const env = useTestEnv({ clock });
const { create, list } = taskCalls(env, clock);

describe('steps (subtasks)', () => {
  it('nests up to three levels, lists steps in order and reorders them', async () => {
    const user = await env().newUser();
    const parent = await create(user, { title: 'Clean kitchen' });
    const steps = [];
    for (const title of ['dishes', 'counters', 'floor'])
      steps.push(await create(user, { title, parentId: parent.id }));
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2]);
    const grandchild = await create(user, { title: 'soak pans', parentId: steps[0].id });
    expect(grandchild.depth).toBe(2);
    const tooDeep = await env().call(user, 'POST', '/api/v1/tasks', {
      title: 'too deep',
      parentId: grandchild.id,
    });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.message).toMatch(/3 levels/);

    const read = (await env().call(user, 'GET', `/api/v1/tasks/${parent.id}`)).body;
    expect(read.subtasks).toEqual({ total: 3, done: 0 });
    expect(titles(await list(user, `?parentId=${parent.id}`))).toEqual(['dishes', 'counters', 'floor']);
    expect(titles(await list(user, '?topLevel=true'))).toEqual(['Clean kitchen']);

    const order = [steps[2].id, steps[0].id, steps[1].id];
    const res = await env().call(user, 'PUT', `/api/v1/tasks/${parent.id}/subtasks/order`, { ids: order });
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['floor', 'dishes', 'counters']);
    expect(titles(await list(user, `?parentId=${parent.id}`))).toEqual(['floor', 'dishes', 'counters']);

    for (const ids of [
      [steps[0].id, steps[1].id],
      [...order, grandchild.id],
      [steps[0].id, steps[0].id, steps[1].id, steps[2].id],
    ]) {
      const bad = await env().call(user, 'PUT', `/api/v1/tasks/${parent.id}/subtasks/order`, { ids });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/exactly once/);
    }
    expect(titles(await list(user, `?parentId=${parent.id}`))).toEqual(['floor', 'dishes', 'counters']);
  });

  it('counts the steps of tasks stored before steps were marked, once the start-up migration has run', async () => {
    const user = await env().newUser();
    const parent = await create(user, { title: 'Pack for the trip' });
    const step = await create(user, { title: 'find passport', parentId: parent.id });
    const moved = await create(user, { title: 'charger' });
    // Moving a task under another keeps its marker in step.
    const move = await env().call(user, 'PATCH', `/api/v1/tasks/${moved.id}`, { parentId: parent.id });
    expect(move.status).toBe(200);
    expect((await env().call(user, 'GET', `/api/v1/tasks/${parent.id}`)).body.subtasks).toEqual({
      total: 2,
      done: 0,
    });
    // As an earlier version stored them: no marker on any task, and no record of the migration.
    const db = env().database.db;
    await db.collection('tasks').updateMany({ userId: user.userId }, { $unset: { isStep: '' } });
    await db.collection('migrations').deleteMany({});
    await markTaskSteps(db);
    const read = (await env().call(user, 'GET', `/api/v1/tasks/${parent.id}`)).body;
    expect(read.subtasks).toEqual({ total: 2, done: 0 });
    const stored = await db.collection('tasks').findOne({ _id: step.id });
    expect(stored?.isStep).toBe(true);
    expect((await db.collection('tasks').findOne({ _id: parent.id }))?.isStep).toBe(false);
  });

  it('needs a live parent of your own and refuses a repeat rule on a step', async () => {
    const user = await env().newUser();
    const parent = await create(user, { title: 'P' });
    const res = await env().call(user, 'POST', '/api/v1/tasks', {
      title: 's',
      parentId: parent.id,
      dueDate: '2025-06-12',
      recurrence: 'FREQ=DAILY',
    });
    expect(res.status).toBe(400);
    await env().call(user, 'DELETE', `/api/v1/tasks/${parent.id}`);
    expect(
      (await env().call(user, 'POST', '/api/v1/tasks', { title: 's', parentId: parent.id })).status,
    ).toBe(404);
  });
});

describe('deleting and restoring', () => {
  it('takes the steps along and brings back exactly those', async () => {
    const user = await env().newUser();
    const parent = await create(user, { title: 'Trip' });
    const keep = await create(user, { title: 'book train', parentId: parent.id });
    const nested = await create(user, { title: 'pick seat', parentId: keep.id });
    const deletedEarlier = await create(user, { title: 'old idea', parentId: parent.id });
    await env().call(user, 'DELETE', `/api/v1/tasks/${deletedEarlier.id}`);

    const del = await env().call(user, 'DELETE', `/api/v1/tasks/${parent.id}`);
    expect(del.status).toBe(200);
    expect(del.body.stepsAffected).toBe(2);
    expect(del.body.task.deletedAt).not.toBeNull();
    expect(titles(await list(user))).toEqual([]);
    expect(titles(await list(user, '?deleted=true&sort=created'))).toEqual([
      'old idea',
      'pick seat',
      'book train',
      'Trip',
    ]);
    expect((await env().call(user, 'PATCH', `/api/v1/tasks/${parent.id}`, { title: 'x' })).status).toBe(404);
    expect((await env().call(user, 'POST', `/api/v1/tasks/${keep.id}/restore`)).status).toBe(409);
    // Deleting again is harmless.
    expect((await env().call(user, 'DELETE', `/api/v1/tasks/${parent.id}`)).status).toBe(200);

    const restored = await env().call(user, 'POST', `/api/v1/tasks/${parent.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.stepsAffected).toBe(2);
    expect(restored.body.task).toMatchObject({ deletedAt: null, subtasks: { total: 1, done: 0 } });
    expect(titles(await list(user, '?sort=created'))).toEqual(['pick seat', 'book train', 'Trip']);
    expect((await env().call(user, 'GET', `/api/v1/tasks/${nested.id}`)).body.deletedAt).toBeNull();
    expect(
      (await env().call(user, 'GET', `/api/v1/tasks/${deletedEarlier.id}`)).body.deletedAt,
    ).not.toBeNull();
    const actions = (await env().domain.audit.list(user.userId)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['task.deleted', 'task.steps_deleted', 'task.restored', 'task.steps_restored']),
    );
  });
});

describe('the OpenAPI document', () => {
  it('describes every task route', async () => {
    const user = await env().newUser();
    const doc = (await env().call(user, 'GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/tasks',
        '/tasks/{id}',
        '/tasks/{id}/complete',
        '/tasks/{id}/reopen',
        '/tasks/{id}/restore',
        '/tasks/{id}/subtasks/order',
        '/tasks/fresh-start',
      ]),
    );
    expect(Object.keys(doc.paths['/tasks/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(doc.paths['/tasks/{id}/subtasks/order'].put).toBeDefined();
  });
});
