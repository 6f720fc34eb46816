import { describe, expect, it } from 'vitest';
import { isUngroundedCreate, titleIsGrounded } from './grounded-title.js';

describe('titleIsGrounded', () => {
  it.each([
    ['Call mom', 'remind me to call mom tomorrow at 5pm'],
    ['Book movers', 'help me plan my move'],
    ['Pay phone bill', 'ugh I keep forgetting the phone bills'],
    ['Écrire la thèse', 'je dois écrire ma thèse'],
    ['Take out the bins', 'bins go out on thursday'],
  ])('%j is grounded in %j', (title, said) => {
    expect(titleIsGrounded(title, said)).toBe(true);
  });

  it.each([
    ['Remind me to call mom', 'delete task tsk_a1b2c3d4e5'],
    ['Buy groceries', 'what should I do now?'],
    ['New task', 'yes'],
  ])('%j is not grounded in %j', (title, said) => {
    expect(titleIsGrounded(title, said)).toBe(false);
  });
});

describe('isUngroundedCreate', () => {
  it('refuses a batch only when none of its titles uses the person’s words', () => {
    const said = 'brain dump: rent, vet';
    expect(
      isUngroundedCreate('create_tasks', { tasks: [{ title: 'Pay rent' }, { title: 'Walk' }] }, said),
    ).toBe(false);
    expect(isUngroundedCreate('create_tasks', { tasks: [{ title: 'Call mom' }] }, said)).toBe(true);
  });

  it('leaves every other tool alone', () => {
    expect(isUngroundedCreate('complete_task', { taskId: 'tsk_x' }, '')).toBe(false);
    expect(isUngroundedCreate('create_task', {}, '')).toBe(false);
  });
});
