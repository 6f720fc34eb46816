import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const clock = fixedClock('2025-06-10T10:00:00Z'); // a Tuesday
const env = useTestEnv({ clock });

const create = async (user: TestUser, body: Record<string, unknown>) => {
  clock.advance(1_000); // distinct creation times, so "newest first" has one answer
  const res = await env().call(user, 'POST', '/api/v1/tasks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const list = async (user: TestUser, query = '') => {
  const res = await env().call(user, 'GET', `/api/v1/tasks${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { id: string; title: string }[]; nextCursor: string | null };
};
const titles = (page: { items: { title: string }[] }) => page.items.map((t) => t.title);

describe('creating and reading tasks', () => {
  it('creates a task with every field and reads it back in its own time zone', async () => {
    const user = await env().newUser('Ada', 'Europe/Berlin');
    const task = await create(user, {
      title: '  Call the dentist  ',
      notes: 'Ask about Thursday',
      priority: 'high',
      dueAt: '2025-06-12T15:30',
      estimateMinutes: 10,
      energy: 'low',
      tags: ['#Health', 'phone calls', 'health'],
      reminders: ['1h', '15m', '1d', 30],
    });
    expect(task).toMatchObject({
      title: 'Call the dentist',
      notes: 'Ask about Thursday',
      status: 'todo',
      priority: 'high',
      timezone: 'Europe/Berlin',
      dueAt: '2025-06-12T15:30:00.000+02:00',
      dueDate: '2025-06-12',
      allDay: false,
      isOverdue: false,
      estimateMinutes: 10,
      energy: 'low',
      tags: ['health', 'phone-calls'],
      reminders: [15, 30, 60, 1440],
      parentId: null,
      depth: 0,
      recurrence: null,
      completedAt: null,
      deletedAt: null,
    });
    expect(task.id).toMatch(/^task_[0-9a-z]{16}$/);
    expect(task.statusHistory).toEqual([{ status: 'todo', at: task.createdAt, via: 'api' }]);
    const read = await env().call(user, 'GET', `/api/v1/tasks/${task.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(task);
    const audit = await env().domain.audit.list(user.userId);
    expect(audit.map((a) => a.action)).toContain('task.created');
  });

  it('defaults priority to medium and the zone to the profile zone; an offset keeps its instant', async () => {
    const user = await env().newUser('Bo', 'America/New_York');
    const task = await create(user, { title: 'Pay rent', dueAt: '2025-07-01T12:00:00Z' });
    expect(task).toMatchObject({
      priority: 'medium',
      timezone: 'America/New_York',
      dueAt: '2025-07-01T08:00:00.000-04:00',
    });
  });

  it('supports all-day tasks that only become overdue after their day ends', async () => {
    const user = await env().newUser('Cy', 'Asia/Tokyo'); // 2025-06-10 19:00 in Tokyo
    const today = await create(user, { title: 'Water plants', dueDate: '2025-06-10' });
    const yesterday = await create(user, { title: 'Recycling', dueDate: '2025-06-09' });
    expect(today).toMatchObject({ allDay: true, dueAt: null, dueDate: '2025-06-10', isOverdue: false });
    expect(yesterday.isOverdue).toBe(true);
    expect(titles(await list(user, '?dueOn=2025-06-10'))).toEqual(['Water plants']);
    expect(titles(await list(user, '?overdue=true'))).toEqual(['Recycling']);
  });

  it('answers bad input with 400 and a message that names the field', async () => {
    const user = await env().newUser();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: '   ' }, /title: title must not be empty/],
      [{ title: 'x'.repeat(201) }, /title/],
      [{ title: 'ok', notes: 'n'.repeat(5001) }, /notes/],
      [{ title: 'ok', priority: 'whenever' }, /priority/],
      [{ title: 'ok', estimateMinutes: 0 }, /estimateMinutes/],
      [{ title: 'ok', estimateMinutes: 1441 }, /estimateMinutes/],
      [{ title: 'ok', dueAt: 'next tuesday' }, /dueAt/],
      [{ title: 'ok', dueAt: '2025-06-12T10:00:00Z', dueDate: '2025-06-12' }, /not both/],
      [{ title: 'ok', timezone: 'Mars/Olympus' }, /timezone/],
      [{ title: 'ok', reminders: ['15m'] }, /reminders need a due date/],
      [{ title: 'ok', dueDate: '2025-06-12', reminders: ['soon'] }, /not a reminder time/],
      [{ title: 'ok', recurrence: 'FREQ=DAILY' }, /needs a due date/],
      [{ title: 'ok', dueDate: '2025-06-12', recurrence: 'FREQ=FORTNIGHTLY' }, /recurrence: FREQ must be/],
      [{ title: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /at most 20 tags/],
      [{ title: 'ok', tags: ['!!!'] }, /letter or digit/],
      [{ title: 'ok', colour: 'red' }, /colour/],
      [{ title: { $ne: null } }, /title/],
      [{ title: 'ok', parentId: 'not-an-id' }, /parentId/],
    ];
    for (const [body, message] of cases) {
      const res = await env().call(user, 'POST', '/api/v1/tasks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await list(user)).items).toHaveLength(0);
  });
});

describe('updating tasks', () => {
  it('changes only the given fields and records the status change', async () => {
    const user = await env().newUser('Di', 'Europe/Berlin');
    const task = await create(user, {
      title: 'Draft report',
      dueDate: '2025-06-20',
      tags: ['work'],
      reminders: ['1d'],
    });
    clock.advance(60_000);
    const res = await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, {
      status: 'in_progress',
      priority: 'urgent',
      notes: 'Intro first',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      priority: 'urgent',
      notes: 'Intro first',
      title: 'Draft report',
      dueDate: '2025-06-20',
      tags: ['work'],
    });
    expect(res.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['todo', 'in_progress']);
    expect(res.body.updatedAt).not.toBe(task.updatedAt);
  });

  it('never half-applies: one bad field leaves the task as it was', async () => {
    const user = await env().newUser();
    const task = await create(user, { title: 'Original', priority: 'low' });
    const res = await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, {
      title: 'Changed',
      priority: 'low',
      reminders: ['1h'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/reminders need a due date/);
    const after = (await env().call(user, 'GET', `/api/v1/tasks/${task.id}`)).body;
    expect(after.title).toBe('Original');
    expect(after.version).toBeUndefined();
    expect(after.updatedAt).toBe(task.updatedAt);
  });

  it('switches between timed and all-day, and clearing the due date clears its reminders', async () => {
    const user = await env().newUser('Em', 'Europe/London');
    const task = await create(user, { title: 'Bins', dueAt: '2025-06-11T19:00', reminders: ['1h'] });
    const allDay = (await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, { dueDate: '2025-06-12' }))
      .body;
    expect(allDay).toMatchObject({ allDay: true, dueDate: '2025-06-12', dueAt: null, reminders: [60] });
    const cleared = (await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, { dueDate: null })).body;
    expect(cleared).toMatchObject({ dueDate: null, dueAt: null, reminders: [] });
  });

  it('rejects empty, unknown and status-done patches', async () => {
    const user = await env().newUser();
    const task = await create(user, { title: 'T' });
    for (const [body, message] of [
      [{}, /nothing to update/],
      [{ titel: 'typo' }, /titel/],
      [{ status: 'done' }, /status/],
    ] as const) {
      const res = await env().call(user, 'PATCH', `/api/v1/tasks/${task.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('moves a task without steps under another task, but not a task that has steps', async () => {
    const user = await env().newUser();
    const a = await create(user, { title: 'A' });
    const b = await create(user, { title: 'B' });
    const moved = (await env().call(user, 'PATCH', `/api/v1/tasks/${b.id}`, { parentId: a.id })).body;
    expect(moved).toMatchObject({ parentId: a.id, depth: 1 });
    const res = await env().call(user, 'PATCH', `/api/v1/tasks/${a.id}`, { parentId: null, title: 'A2' });
    expect(res.status).toBe(200);
    const blocked = await env().call(user, 'PATCH', `/api/v1/tasks/${a.id}`, {
      parentId: (await create(user, { title: 'C' })).id,
    });
    expect(blocked.status).toBe(409);
  });
});

describe('listing, filtering and searching', () => {
  it('filters by status, tag, energy, priority and due window, sorted by due date then priority', async () => {
    const user = await env().newUser('Fi', 'UTC');
    await create(user, { title: 'later', dueAt: '2025-06-15T09:00:00Z', tags: ['home'], energy: 'low' });
    await create(user, {
      title: 'soon-low',
      dueAt: '2025-06-11T09:00:00Z',
      priority: 'low',
      tags: ['home', 'quick'],
    });
    await create(user, {
      title: 'soon-urgent',
      dueAt: '2025-06-11T09:00:00Z',
      priority: 'urgent',
      energy: 'high',
    });
    await create(user, { title: 'undated', tags: ['quick'] });
    const done = await create(user, { title: 'finished', dueAt: '2025-06-09T09:00:00Z' });
    await env().call(user, 'POST', `/api/v1/tasks/${done.id}/complete`);

    expect(titles(await list(user))).toEqual(['soon-urgent', 'soon-low', 'later', 'undated']);
    expect(titles(await list(user, '?status=done'))).toEqual(['finished']);
    expect(titles(await list(user, '?status=todo,done&tags=home'))).toEqual(['soon-low', 'later']);
    expect(titles(await list(user, '?tags=home,quick'))).toEqual(['soon-low']);
    expect(titles(await list(user, '?tags=%23Quick'))).toEqual(['soon-low', 'undated']);
    expect(titles(await list(user, '?energy=low,high'))).toEqual(['soon-urgent', 'later']);
    expect(titles(await list(user, '?priority=urgent'))).toEqual(['soon-urgent']);
    expect(titles(await list(user, '?dueFrom=2025-06-11T09:00:00Z&dueTo=2025-06-12T00:00:00Z'))).toEqual([
      'soon-urgent',
      'soon-low',
    ]);
    expect(titles(await list(user, '?hasDue=false'))).toEqual(['undated']);
    expect(titles(await list(user, '?sort=priority'))).toEqual([
      'soon-urgent',
      'later',
      'undated',
      'soon-low',
    ]);
    expect(titles(await list(user, '?sort=created'))).toEqual([
      'undated',
      'soon-urgent',
      'soon-low',
      'later',
    ]);
  });

  it('pages with a cursor without skipping or repeating a task, and rejects a foreign cursor', async () => {
    const user = await env().newUser();
    for (let i = 0; i < 7; i++)
      await create(user, {
        title: `task ${i}`,
        dueAt: `2025-06-${String(11 + (i % 3)).padStart(2, '0')}T09:00:00Z`,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(user, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...titles(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toHaveLength(7);

    const first = await list(user, '?limit=2');
    const wrongSort = await env().call(
      user,
      'GET',
      `/api/v1/tasks?limit=2&sort=created&cursor=${first.nextCursor}`,
    );
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.error.message).toMatch(/cursor/);
    const forged = Buffer.from(JSON.stringify({ s: 'due', v: [{ $gt: '' }, 1, 'x'] })).toString('base64url');
    expect((await env().call(user, 'GET', `/api/v1/tasks?cursor=${forged}`)).status).toBe(400);
  });

  it('searches titles and notes literally: regex characters and operator-looking text are just text', async () => {
    const user = await env().newUser();
    await create(user, { title: 'Fix a.b*c (urgent?)', notes: null });
    await create(user, { title: 'aXbbbc' });
    await create(user, { title: '{"$ne":null}' });
    await create(user, { title: 'Groceries', notes: 'Buy OAT milk and [eggs]' });
    await create(user, { title: 'Nothing special' });

    expect(titles(await list(user, `?q=${encodeURIComponent('a.b*c')}`))).toEqual(['Fix a.b*c (urgent?)']);
    expect(titles(await list(user, `?q=${encodeURIComponent('(urgent?)')}`))).toEqual([
      'Fix a.b*c (urgent?)',
    ]);
    expect(titles(await list(user, `?q=${encodeURIComponent('.*')}`))).toEqual([]);
    expect(titles(await list(user, `?q=${encodeURIComponent('{"$ne":null}')}`))).toEqual(['{"$ne":null}']);
    expect(titles(await list(user, `?q=${encodeURIComponent('[eggs] oat')}`))).toEqual(['Groceries']);
    expect(titles(await list(user, `?q=${encodeURIComponent('oat nothing')}`))).toEqual([]);
    const injected = await env().call(user, 'GET', '/api/v1/tasks?q[$ne]=x');
    expect(injected.status).toBe(400);
  });

  it('rejects unknown and malformed query parameters', async () => {
    const user = await env().newUser();
    for (const query of [
      '?staus=todo',
      '?status=later',
      '?limit=0',
      '?limit=abc',
      '?overdue=maybe',
      '?dueFrom=yesterday',
      '?sort=random',
    ]) {
      const res = await env().call(user, 'GET', `/api/v1/tasks${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

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
