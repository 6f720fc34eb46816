import { describe, expect, it } from 'vitest';
import { groundedListArgs } from './list-filters.js';

const said = "I replied to jordan's email finally";
const grounds = { message: said, read: said, heard: said, saysWhen: false };

describe('groundedListArgs', () => {
  it('leaves out the filters the 1.5B model made up, even a tag that is one of the words', () => {
    // What it sent for "start write project proposal" in the local eval (its nulls already left out).
    const args = {
      status: ['todo', 'in_progress'],
      priority: ['low', 'medium', 'high', 'urgent'],
      tags: ['project'],
      dueFrom: '2026-03-10T14:00:00.000Z',
      dueTo: '2026-03-10T14:00:00.000Z',
      dueOn: '2026-03-10',
      overdue: false,
      hasDue: true,
      topLevel: true,
      deleted: false,
      sort: 'due',
      limit: 100,
    };
    expect(
      groundedListArgs('list_tasks', args, {
        ...grounds,
        message: 'start write project proposal',
        heard: 'start write project proposal',
      }),
    ).toEqual({
      status: ['todo', 'in_progress'],
      priority: ['low', 'medium', 'high', 'urgent'],
      topLevel: true,
      sort: 'due',
      limit: 100,
    });
  });

  it('leaves out a day and a range given together, or a range that ends before it starts', () => {
    const day = { message: 'what is due tomorrow', read: '', heard: '', saysWhen: true };
    expect(
      groundedListArgs('list_tasks', { dueOn: '2026-03-11', dueTo: '2026-03-12T00:00:00Z' }, day),
    ).toEqual({});
    expect(
      groundedListArgs('list_tasks', { dueFrom: '2026-03-11T00:00:00Z', dueTo: '2026-03-11T00:00:00Z' }, day),
    ).toEqual({});
  });

  it('keeps what the person asked for and the ids and cursors the model read', () => {
    const asked = {
      message: 'show my tasks tagged work that have a due date next week',
      read: '{"nextCursor":"c_abc","items":[{"id":"task_parentparentpare"}]}',
      heard: '',
      saysWhen: true,
    };
    const args = {
      tags: ['work', 'home'],
      hasDue: true,
      dueFrom: '2026-03-16T00:00:00Z',
      dueTo: '2026-03-23T00:00:00Z',
      cursor: 'c_abc',
      parentId: 'task_parentparentpare',
      topLevel: true,
      overdue: true,
    };
    expect(groundedListArgs('list_tasks', args, asked)).toEqual({
      tags: ['work'],
      hasDue: true,
      dueFrom: '2026-03-16T00:00:00Z',
      dueTo: '2026-03-23T00:00:00Z',
      cursor: 'c_abc',
      parentId: 'task_parentparentpare',
      overdue: true,
    });
    // Search words the person said (by their first four letters), or read in a result; not the model's own.
    expect(groundedListArgs('list_tasks', { q: "Jordan's emails" }, grounds)).toEqual({
      q: "Jordan's emails",
    });
    expect(groundedListArgs('list_tasks', { q: 'errands' }, grounds)).toEqual({});
    const plain = { q: 'email', status: ['done'] };
    expect(groundedListArgs('list_tasks', plain, grounds)).toBe(plain);
    const update = { tags: ['x'], dueOn: '2026-03-10' };
    expect(groundedListArgs('update_task', update, grounds)).toBe(update);
  });
});
