import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { taskCalls, titles } from './support/task-calls.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2025-06-10T10:00:00Z'); // a Tuesday
const env = useTestEnv({ clock });
const { create, list } = taskCalls(env, clock);

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
