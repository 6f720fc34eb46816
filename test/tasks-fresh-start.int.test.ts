import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

// Monday 2025-06-16, 21:30 UTC = Tuesday 07:30 in Sydney (AEST, +10:00).
const clock = fixedClock('2025-06-16T21:30:00Z');
const env = useTestEnv({ clock });

const create = async (user: TestUser, body: Record<string, unknown>) => {
  const res = await env().call(user, 'POST', '/api/v1/tasks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const shaming = /overdue|late|behind|fail|missed|should have|lazy/i;

describe('fresh start', () => {
  it("spreads tasks whose dates passed over the coming days in the person's zone, a few a day, most important first", async () => {
    const user = await env().newUser('Kai', 'Australia/Sydney');
    const urgent = await create(user, { title: 'renew visa', priority: 'urgent', dueAt: '2025-06-10T17:00' });
    const timed = await create(user, { title: 'call bank', priority: 'high', dueAt: '2025-06-12T09:15' });
    for (let i = 0; i < 5; i++) await create(user, { title: `chore ${i}`, dueDate: `2025-06-0${i + 1}` });
    const alreadyTomorrow = await create(user, { title: 'dentist', dueAt: '2025-06-18T10:00' });
    const notYet = await create(user, { title: 'later thing', dueDate: '2025-06-30' });
    const finished = await create(user, { title: 'finished', dueDate: '2025-06-01' });
    await env().call(user, 'POST', `/api/v1/tasks/${finished.id}/complete`);
    expect((await env().call(user, 'GET', '/api/v1/tasks?overdue=true')).body.items).toHaveLength(7);

    const res = await env().call(user, 'POST', '/api/v1/tasks/fresh-start', { perDay: 3 });
    expect(res.status).toBe(200);
    // Tomorrow in Sydney is Wednesday the 18th, which already holds the dentist: room for two there.
    expect(res.body).toMatchObject({
      action: 'reschedule',
      count: 7,
      skipped: 0,
      days: [
        { date: '2025-06-18', count: 2 },
        { date: '2025-06-19', count: 3 },
        { date: '2025-06-20', count: 2 },
      ],
    });
    expect(res.body.taskIds.slice(0, 2)).toEqual([urgent.id, timed.id]);
    expect(res.body.message).toMatch(/Fresh start/);
    expect(res.body.message).not.toMatch(shaming);

    const visa = (await env().call(user, 'GET', `/api/v1/tasks/${urgent.id}`)).body;
    expect(visa).toMatchObject({ dueAt: '2025-06-18T17:00:00.000+10:00', isOverdue: false, status: 'todo' });
    const bank = (await env().call(user, 'GET', `/api/v1/tasks/${timed.id}`)).body;
    expect(bank.dueAt).toBe('2025-06-18T09:15:00.000+10:00');
    expect((await env().call(user, 'GET', '/api/v1/tasks?overdue=true')).body.items).toEqual([]);
    expect((await env().call(user, 'GET', `/api/v1/tasks/${alreadyTomorrow.id}`)).body.dueAt).toBe(
      '2025-06-18T10:00:00.000+10:00',
    );
    expect((await env().call(user, 'GET', `/api/v1/tasks/${notYet.id}`)).body.dueDate).toBe('2025-06-30');
    expect((await env().call(user, 'GET', `/api/v1/tasks/${finished.id}`)).body.dueDate).toBe('2025-06-01');
    const chores = (await env().call(user, 'GET', '/api/v1/tasks?q=chore&dueOn=2025-06-19')).body.items;
    expect(chores.every((t: { allDay: boolean }) => t.allDay)).toBe(true);

    const again = await env().call(user, 'POST', '/api/v1/tasks/fresh-start', {});
    expect(again.body).toMatchObject({ count: 0, days: [] });
    expect(again.body.message).not.toMatch(shaming);
    expect((await env().domain.audit.list(user.userId)).map((e) => e.action)).toContain('tasks.fresh_start');
  });

  it('archives just the chosen tasks and says so kindly', async () => {
    const user = await env().newUser('Lu', 'Europe/Paris');
    const one = await create(user, { title: 'old one', dueDate: '2025-05-01' });
    const two = await create(user, { title: 'old two', dueDate: '2025-05-02' });
    const keep = await create(user, { title: 'keep', dueDate: '2025-05-03' });
    const res = await env().call(user, 'POST', '/api/v1/tasks/fresh-start', {
      action: 'archive',
      ids: [one.id, two.id, 'task_doesnotexist00'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'archive', count: 2, skipped: 1 });
    expect(res.body.message).toMatch(/archive/);
    expect(res.body.message).not.toMatch(shaming);
    const archived = (await env().call(user, 'GET', '/api/v1/tasks?status=archived')).body.items.map(
      (t: { id: string }) => t.id,
    );
    expect(archived.sort()).toEqual([one.id, two.id].sort());
    expect((await env().call(user, 'GET', `/api/v1/tasks/${keep.id}`)).body.status).toBe('todo');
  });

  it('checks its input', async () => {
    const user = await env().newUser('Mo', 'UTC');
    for (const body of [
      { perDay: 0 },
      { perDay: 11 },
      { action: 'delete' },
      { ids: [] },
      { startDate: '2025-06-01' },
      { sneaky: true },
    ]) {
      const res = await env().call(user, 'POST', '/api/v1/tasks/fresh-start', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
