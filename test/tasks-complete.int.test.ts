import { describe, expect, it } from 'vitest';
import { completeTask } from '../src/domain/tasks/complete-task.js';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const clock = fixedClock('2025-03-28T08:30:00Z'); // Friday, 09:30 in Berlin (CET, before the spring DST change)
const env = useTestEnv({ clock });

const create = async (user: TestUser, body: Record<string, unknown>) => {
  const res = await env().call(user, 'POST', '/api/v1/tasks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const complete = (user: TestUser, id: string) => env().call(user, 'POST', `/api/v1/tasks/${id}/complete`);
const tasks = () =>
  env().database.db.collection<{ _id: string; seriesId: string | null; parentId: string | null }>('tasks');
const ledgerEntries = (userId: string, key: string) =>
  env().database.db.collection('points_ledger').countDocuments({ userId, key });

describe('completing a task', () => {
  it('marks it done, awards its points once, and never twice after a reopen', async () => {
    const user = await env().newUser('Ada', 'Europe/Berlin');
    const task = await create(user, { title: 'Send invoice', priority: 'high', estimateMinutes: 30 });
    expect(task.points).toBe(17);

    const first = await complete(user, task.id);
    expect(first.status).toBe(200);
    expect(first.body.task).toMatchObject({ status: 'done', completedAt: '2025-03-28T08:30:00.000Z' });
    expect(first.body.alreadyDone).toBe(false);
    expect(first.body.nextOccurrence).toBeNull();
    expect(first.body.celebration.pointsAwarded).toBe(17);
    expect(first.body.message).toMatch(/^Done!/);
    const balance = first.body.celebration.balance;

    const again = await complete(user, task.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyDone: true, celebration: { pointsAwarded: 0, balance } });

    const reopened = await env().call(user, 'POST', `/api/v1/tasks/${task.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'todo', completedAt: null });
    expect(reopened.body.statusHistory.map((h: { status: string }) => h.status)).toEqual([
      'todo',
      'done',
      'todo',
    ]);

    const redo = await complete(user, task.id);
    expect(redo.body).toMatchObject({
      alreadyDone: false,
      task: { status: 'done' },
      celebration: { pointsAwarded: 0, balance },
    });
    expect(await ledgerEntries(user.userId, `task_completed:${task.id}`)).toBe(1);
    const actions = (await env().domain.audit.list(user.userId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'task.completed')).toHaveLength(2);
    expect(actions).toContain('task.reopened');
  });

  it('gives a step fewer points than a whole task', async () => {
    const user = await env().newUser();
    const parent = await create(user, { title: 'Tidy desk' });
    const step = await create(user, { title: 'clear mugs', parentId: parent.id });
    const res = await complete(user, step.id);
    expect(res.body.celebration.pointsAwarded).toBe(step.points);
    expect(step.points).toBeLessThan(parent.points);
    expect((await env().call(user, 'GET', `/api/v1/tasks/${parent.id}`)).body.subtasks).toEqual({
      total: 1,
      done: 1,
    });
  });

  it('reopens archived tasks too, and does not complete deleted ones', async () => {
    const user = await env().newUser();
    const task = await create(user, { title: 'Maybe later' });
    await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'archived' });
    expect((await env().call(user, 'POST', `/api/v1/tasks/${task.id}/reopen`)).body.status).toBe('todo');
    await env().call(user, 'DELETE', `/api/v1/tasks/${task.id}`);
    expect((await complete(user, task.id)).status).toBe(404);
    expect((await env().call(user, 'POST', `/api/v1/tasks/${task.id}/reopen`)).status).toBe(404);
  });
});

describe('completing a recurring task', () => {
  it('keeps "every weekday at 9:00 Europe/Berlin" at 9:00 across the DST change', async () => {
    const user = await env().newUser('Ben', 'Europe/Berlin');
    const task = await create(user, {
      title: 'Stand-up notes',
      dueAt: '2025-03-28T09:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      reminders: ['15m'],
    });
    expect(task).toMatchObject({
      dueAt: '2025-03-28T09:00:00.000+01:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      seriesId: task.id,
      occurrence: 1,
    });
    expect(task.recurrenceText).toBe('every weekday');

    const res = await complete(user, task.id);
    const next = res.body.nextOccurrence;
    expect(next).toMatchObject({
      title: 'Stand-up notes',
      status: 'todo',
      dueAt: '2025-03-31T09:00:00.000+02:00',
      timezone: 'Europe/Berlin',
      seriesId: task.id,
      occurrence: 2,
      reminders: [15],
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    });
    expect(res.body.task.nextOccurrenceId).toBe(next.id);
    expect(res.body.message).toMatch(/next one is already on your list/);

    clock.set('2025-03-31T07:05:00Z');
    const tuesday = (await complete(user, next.id)).body.nextOccurrence;
    expect(tuesday.dueAt).toBe('2025-04-01T09:00:00.000+02:00');
    expect(new Date(tuesday.dueAt).toISOString()).toBe('2025-04-01T07:00:00.000Z');
    clock.set('2025-03-28T08:30:00Z');
  });

  it('creates exactly one next occurrence when completions race (repeated)', async () => {
    const user = await env().newUser('Cy', 'Europe/Berlin');
    for (let round = 0; round < 8; round++) {
      const task = await create(user, {
        title: `Water plants ${round}`,
        dueDate: '2025-03-28',
        recurrence: 'FREQ=DAILY',
      });
      const results = await Promise.all([
        complete(user, task.id),
        complete(user, task.id),
        complete(user, task.id),
      ]);
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
      // MongoDB lets exactly one guarded update win. FerretDB 1.x does not serialize guarded updates, so more than
      // one request may see itself as the completer; what the person sees must not depend on that.
      expect(results.filter((r) => !r.body.alreadyDone).length).toBeGreaterThanOrEqual(1);
      for (const r of results) expect(r.body.task.status).toBe('done');
      const nextIds = new Set(results.map((r) => r.body.nextOccurrence?.id));
      expect(nextIds.size).toBe(1);
      expect(await tasks().countDocuments({ seriesId: task.id })).toBe(2);
      expect(results[0]!.body.nextOccurrence.dueDate).toBe('2025-03-29');
      expect(results.reduce((sum, r) => sum + r.body.celebration.pointsAwarded, 0)).toBe(task.points);
      expect(await ledgerEntries(user.userId, `task_completed:${task.id}`)).toBe(1);
      const stored = (await env().call(user, 'GET', `/api/v1/tasks/${task.id}`)).body;
      expect(stored.statusHistory.map((h: { status: string }) => h.status)).toEqual(['todo', 'done']);
    }
  });

  it('finishes the job on retry after a crash between marking done and creating the next one', async () => {
    const user = await env().newUser('Di', 'Europe/Berlin');
    const task = await create(user, {
      title: 'Take vitamins',
      dueAt: '2025-03-28T08:00',
      recurrence: 'FREQ=DAILY',
    });
    const crashing = {
      ...env().domain,
      tasks: {
        ...env().domain.tasks,
        insertIfAbsent: async () => {
          throw new Error('process died');
        },
      },
    };
    await expect(completeTask(crashing, { userId: user.userId, via: 'api' }, task.id)).rejects.toThrow(
      'process died',
    );
    expect((await env().call(user, 'GET', `/api/v1/tasks/${task.id}`)).body.status).toBe('done');
    expect(await tasks().countDocuments({ seriesId: task.id })).toBe(1);

    const retry = await complete(user, task.id);
    expect(retry.status).toBe(200);
    expect(retry.body.alreadyDone).toBe(true);
    expect(retry.body.nextOccurrence).toMatchObject({
      dueAt: '2025-03-29T08:00:00.000+01:00',
      occurrence: 2,
    });
    expect(retry.body.celebration.pointsAwarded).toBe(task.points); // the crash came before the points
    expect(await tasks().countDocuments({ seriesId: task.id })).toBe(2);
    await complete(user, task.id);
    expect(await tasks().countDocuments({ seriesId: task.id })).toBe(2);
  });

  it('skips days that passed while it waited, and ends at COUNT', async () => {
    const user = await env().newUser('Em', 'UTC');
    const task = await create(user, {
      title: 'Stretch',
      dueAt: '2025-03-20T07:00:00Z',
      recurrence: 'FREQ=DAILY;COUNT=2',
    });
    const second = (await complete(user, task.id)).body.nextOccurrence;
    expect(second.dueAt).toBe('2025-03-29T07:00:00.000Z'); // not a backlog of the 21st..28th
    expect(second.occurrence).toBe(2);
    const last = await complete(user, second.id);
    expect(last.body.nextOccurrence).toBeNull();
    expect(last.body.task.status).toBe('done');
  });

  it('does not make another next occurrence after reopen and complete again', async () => {
    const user = await env().newUser();
    const task = await create(user, { title: 'Journal', dueDate: '2025-03-28', recurrence: 'FREQ=DAILY' });
    const next = (await complete(user, task.id)).body.nextOccurrence;
    await env().call(user, 'POST', `/api/v1/tasks/${task.id}/reopen`);
    const again = await complete(user, task.id);
    expect(again.body.nextOccurrence.id).toBe(next.id);
    expect(await tasks().countDocuments({ seriesId: task.id })).toBe(2);
  });

  it('brings its steps along, fresh and in order, exactly once', async () => {
    const user = await env().newUser('Fa', 'Europe/Berlin');
    const routine = await create(user, {
      title: 'Morning routine',
      dueAt: '2025-03-28T07:30',
      recurrence: 'FREQ=DAILY',
    });
    const brush = await create(user, { title: 'brush teeth', parentId: routine.id });
    const breakfast = await create(user, {
      title: 'breakfast',
      parentId: routine.id,
      dueAt: '2025-03-28T08:00',
    });
    await create(user, { title: 'coffee', parentId: breakfast.id });
    const dropped = await create(user, { title: 'dropped step', parentId: routine.id });
    await env().call(user, 'DELETE', `/api/v1/tasks/${dropped.id}`);
    await complete(user, brush.id);

    const first = await complete(user, routine.id);
    const again = await complete(user, routine.id);
    const next = first.body.nextOccurrence;
    expect(again.body.nextOccurrence.id).toBe(next.id);
    const steps = (await env().call(user, 'GET', `/api/v1/tasks?parentId=${next.id}`)).body.items;
    expect(steps.map((s: { title: string; status: string }) => [s.title, s.status])).toEqual([
      ['brush teeth', 'todo'],
      ['breakfast', 'todo'],
    ]);
    expect(steps[1].dueAt).toBe('2025-03-29T08:00:00.000+01:00');
    expect(steps.map((s: { id: string }) => s.id)).not.toContain(brush.id);
    const nested = (await env().call(user, 'GET', `/api/v1/tasks?parentId=${steps[1].id}`)).body.items;
    expect(nested.map((s: { title: string }) => s.title)).toEqual(['coffee']);
    expect(nested[0].depth).toBe(2);
    expect(await tasks().countDocuments({ userId: user.userId })).toBe(5 + 4);
  });
});
