import { describe, expect, it } from 'vitest';
import { isMisfiledDelete } from './misfiled-command.js';

const clock = { now: new Date('2026-12-07T10:00:00Z'), timezone: 'Europe/Berlin' };
const create = (title: string) => ['create_task', { title }] as const;

describe('isMisfiledDelete', () => {
  it('refuses a new task that restates a delete request', () => {
    const del = { intent: 'delete_task' as const };
    expect(isMisfiledDelete(...create('Delete this task'), del, clock)).toBe(true);
    expect(isMisfiledDelete(...create('Delete task task_0123456789abcdefghjkmnpqrs'), del, clock)).toBe(true);
    expect(isMisfiledDelete('create_tasks', { tasks: [{ title: 'Remove this task' }] }, del, clock)).toBe(
      true,
    );
  });

  it('keeps real tasks, and every task when the message is no delete', () => {
    const del = { intent: 'delete_task' as const };
    expect(isMisfiledDelete(...create('Fold clothes'), del, clock)).toBe(false);
    expect(isMisfiledDelete(...create('Remove the stain from the couch'), del, clock)).toBe(false);
    expect(
      isMisfiledDelete(
        'create_tasks',
        { tasks: [{ title: 'Delete this task' }, { title: 'Fold clothes' }] },
        del,
        clock,
      ),
    ).toBe(false);
    expect(isMisfiledDelete(...create('Delete old task photos'), { intent: 'create_task' }, clock)).toBe(
      false,
    );
    expect(isMisfiledDelete('complete_task', { taskId: 'task_x' }, del, clock)).toBe(false);
  });
});
