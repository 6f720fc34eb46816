import { describe, expect, it } from 'vitest';
import { MAX_TASKS_PER_MESSAGE, splitTasks } from './split-tasks.js';
import { withoutLeadIn } from './slots.js';

const split = (text: string) => splitTasks(text, withoutLeadIn);

describe('several tasks in one message', () => {
  it('splits a list of actions', () => {
    expect(split('I need to buy milk, call the dentist and email Sam tomorrow')).toEqual([
      'I need to buy milk',
      'call the dentist',
      'email Sam tomorrow',
    ]);
    expect(split('pick up the kids then drop off the parcel')).toEqual([
      'pick up the kids',
      'drop off the parcel',
    ]);
    expect(split('remind me to call mom and to book the vet')).toEqual([
      'remind me to call mom',
      'book the vet',
    ]);
  });

  it('keeps one task when the list is of things, not actions', () => {
    expect(split('buy milk, eggs and bread')).toEqual(['buy milk, eggs and bread']);
    expect(split('call mom and dad tonight')).toEqual(['call mom and dad tonight']);
    expect(split('clean and vacuum the kitchen')).toEqual(['clean and vacuum the kitchen']);
    expect(split("I need to write my thesis, it's due in 3 weeks")).toEqual([
      "I need to write my thesis, it's due in 3 weeks",
    ]);
  });

  it(`makes at most ${MAX_TASKS_PER_MESSAGE} tasks`, () => {
    const many = Array.from({ length: 9 }, (_, i) => `call person ${i}`).join(', ');
    expect(split(many)).toHaveLength(MAX_TASKS_PER_MESSAGE);
    expect(split(many).join(', ')).toBe(many);
  });
});
