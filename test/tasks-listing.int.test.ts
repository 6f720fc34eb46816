import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { taskCalls, titles } from './support/task-calls.js';
import { useTestEnv } from './support/test-env.js';

const clock = fixedClock('2025-06-10T10:00:00Z'); // a Tuesday
const env = useTestEnv({ clock });
const { create, list } = taskCalls(env, clock);

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
