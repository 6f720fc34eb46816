import { describe, expect, it } from 'vitest';
import { withoutClashingFilters } from './list-filters.js';

describe('withoutClashingFilters', () => {
  it('leaves out every date filter when a day and a range are both given, or the range is empty', () => {
    expect(
      withoutClashingFilters('list_tasks', {
        q: 'proposal',
        dueOn: '2026-03-10',
        dueFrom: '2026-03-10T00:00:00Z',
        dueTo: '2026-03-11T00:00:00Z',
      }),
    ).toEqual({ q: 'proposal' });
    expect(
      withoutClashingFilters('list_tasks', {
        dueFrom: '2026-03-10T00:00:00Z',
        dueTo: '2026-03-10T00:00:00Z',
      }),
    ).toEqual({});
  });

  it('keeps the steps of a task over "top level only"', () => {
    expect(withoutClashingFilters('list_tasks', { parentId: 'task_a', topLevel: true })).toEqual({
      parentId: 'task_a',
    });
  });

  it('leaves filters that fit together, and other tools, alone', () => {
    const range = { dueFrom: '2026-03-10T00:00:00Z', dueTo: '2026-03-17T00:00:00Z', topLevel: true };
    expect(withoutClashingFilters('list_tasks', range)).toBe(range);
    const update = { dueOn: '2026-03-10', dueFrom: 'x' };
    expect(withoutClashingFilters('update_task', update)).toBe(update);
  });
});
