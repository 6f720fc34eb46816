import { describe, expect, it } from 'vitest';
import { readingOf } from '../graph/reading.js';
import { titleWithoutTime, withPersonsTime } from './create-time.js';

// Just after midnight in Berlin (still the 6th in UTC), when "tomorrow" is the 8th there.
const now = new Date('2026-12-06T23:58:00Z');
const read = (text: string) => readingOf(text, now, 'Europe/Berlin');

describe('titleWithoutTime', () => {
  it('drops the time words and what joined them', () => {
    expect(titleWithoutTime('Call mom tomorrow at 5pm', 'tomorrow at 5pm')).toBe('Call mom');
    expect(titleWithoutTime('Pay rent by Friday', 'friday')).toBe('Pay rent');
    expect(titleWithoutTime('Tomorrow: dentist', 'tomorrow')).toBe('dentist');
  });

  it('keeps a title without them, or one that would be left empty', () => {
    expect(titleWithoutTime('Call mom', 'tomorrow at 5pm')).toBe('Call mom');
    expect(titleWithoutTime('Tomorrow', 'tomorrow')).toBe('Tomorrow');
  });
});

describe('withPersonsTime', () => {
  const call = (args: Record<string, unknown>) => ({ id: 'c1', name: 'create_task', args });

  it("gives the model's one new task the person's time, a clean title and the reminder asked for", () => {
    // What the 1.5B local model sent: due on the 7th (a day early in Berlin), time words in the title, no reminder.
    const [fixed] = withPersonsTime(
      [call({ title: 'Call mom tomorrow at 5pm', dueAt: '2026-12-07T17:00:00', timezone: 'Europe/Berlin' })],
      read('remind me to call mom tomorrow at 5pm'),
    );
    expect(fixed!.args).toEqual({
      title: 'Call mom',
      dueAt: '2026-12-08T17:00:00+01:00',
      timezone: 'Europe/Berlin',
      reminders: [0],
    });
  });

  it('keeps reminders the model chose, and gives a whole day as a date', () => {
    const [dentist] = withPersonsTime(
      [call({ title: 'Dentist on Friday', dueAt: '2026-12-10T09:00:00', reminders: [60] })],
      read("don't let me forget the dentist on friday"),
    );
    expect(dentist!.args).toEqual({ title: 'Dentist', dueAt: '2026-12-11T09:00:00+01:00', reminders: [60] });
    const [rent] = withPersonsTime(
      [call({ title: 'Pay rent', dueAt: '2026-12-09T00:00:00' })],
      read('add pay rent on the 9th'),
    );
    expect(rent!.args).toEqual({ title: 'Pay rent', dueDate: '2026-12-09' });
  });

  it("gives the model's one new task the person's repeat rule and first time, and a title without the schedule", () => {
    // What the 1.5B local model sent: no repeat rule, the schedule in the title, 8:00 Berlin made 4:00.
    const [meds] = withPersonsTime(
      [call({ title: 'Take meds every weekday at 8', dueAt: '2026-12-07T04:00:00', priority: 'high' })],
      read('every weekday at 8 take meds'),
    );
    expect(meds!.args).toEqual({
      title: 'Take meds',
      dueAt: '2026-12-07T08:00:00+01:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      priority: 'high',
    });
    // A clean title of the model's stays, and so do the reminders it chose; a whole-day rule starts on a date.
    const [charger] = withPersonsTime(
      [call({ title: 'Put phone on charger', dueAt: '2026-12-07T18:00:00' })],
      read('remind me every night at 10pm to put my phone on the charger'),
    );
    expect(charger!.args).toMatchObject({
      title: 'Put phone on charger',
      recurrence: 'FREQ=DAILY',
      reminders: [0],
    });
    const [rent] = withPersonsTime(
      [call({ title: 'Pay rent on the 1st of every month', reminders: [1440] })],
      read('pay rent on the 1st of every month'),
    );
    expect(rent!.args).toEqual({
      title: 'Pay rent',
      dueDate: '2027-01-01',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      reminders: [1440],
    });
  });

  it("replaces a rule of the model's own when the schedule is still in its title", () => {
    // What the 1.5B local model sent: a weekly rule, the schedule in the title, 10am made 6:00.
    const [plants] = withPersonsTime(
      [
        call({
          title: 'Water the plants weekly on Saturdays at 10am',
          dueAt: '2026-12-12T06:00:00',
          recurrence: 'FREQ=WEEKLY;BYDAY=SA',
        }),
      ],
      read('water the plants weekly on saturdays at 10am'),
    );
    expect(plants!.args).toMatchObject({
      dueAt: '2026-12-12T10:00:00+01:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=SA',
    });
    expect(plants!.args.title).not.toMatch(/weekly|saturday|10/i);
  });

  it("leaves a repeat rule of the model's own, and a task the rules did not read as the repeating one", () => {
    const own = [call({ title: 'Gym', dueAt: '2026-12-07T19:00:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO' })];
    expect(withPersonsTime(own, read('gym every monday at 7pm'))).toEqual(own);
    // The rules read this as one task titled with both; the model made two, one per step.
    const both = read('every weekday at 8 remind me to take meds, and my thesis is due in 3 weeks');
    const thesis = [call({ title: 'Write my thesis', dueDate: '2026-12-28' })];
    expect(withPersonsTime(thesis, both)).toEqual(thesis);
    const meds = [call({ title: 'Take meds', dueAt: '2026-12-07T08:00:00' })];
    expect(withPersonsTime(meds, both)).toEqual(meds);
  });

  it('leaves several tasks, untimed messages and other calls as the model made them', () => {
    const two = [call({ title: 'Milk', dueAt: 'x' }), call({ title: 'Eggs', dueAt: 'x' })];
    expect(withPersonsTime(two, read('add milk tomorrow and eggs on friday'))).toBe(two);
    const plain = [call({ title: 'Buy milk' })];
    expect(withPersonsTime(plain, read('add buy milk'))).toBe(plain);
    const other = [{ id: 'c1', name: 'complete_task', args: { taskId: 'task_x' } }];
    expect(withPersonsTime(other, read('done with buy milk'))).toBe(other);
  });

  it('takes a made-up time and reminder off a task the person gave no time', () => {
    // The 1.5B local model made "add clean out the fridge" due at 10 the next day.
    const [fridge] = withPersonsTime(
      [call({ title: 'Clean out the fridge', dueAt: '2026-12-08T10:00:00', reminders: [0], energy: 'low' })],
      read('add clean out the fridge'),
    );
    expect(fridge!.args).toEqual({ title: 'Clean out the fridge', energy: 'low' });
  });

  it('keeps the timing of a message whose words may say when, and of a reminder waiting for a time', () => {
    for (const text of ['add sort the garage soon', 'add call the bank asap', 'add book flights 2x']) {
      const made = [call({ title: 'X', dueDate: '2026-12-31' })];
      expect(withPersonsTime(made, read(text)), text).toBe(made);
    }
    const guessed = [call({ title: 'Call mom', dueAt: '2026-12-07T17:00:00', reminders: [0] })];
    expect(withPersonsTime(guessed, read('remind me to call mom'))).toBe(guessed);
  });
});
