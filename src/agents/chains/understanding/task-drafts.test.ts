import { describe, expect, it } from 'vitest';
import { understand } from './understand.js';
import { reminderOffsetsFrom } from './task-drafts.js';

// Monday 10 March 2025, 10:00 in New York
const ny = { now: new Date('2025-03-10T14:00:00Z'), timezone: 'America/New_York' };
const drafts = (text: string) => {
  const result = understand(text, ny);
  expect(result.intent).toBe('create_task');
  return result.slots.tasks;
};

describe('tasks asked for in words', () => {
  it('"remind me" makes the due time itself a reminder', () => {
    expect(drafts('remind me to call mom tomorrow at 5pm')).toEqual([
      expect.objectContaining({
        title: 'Call mom',
        when: expect.objectContaining({ at: '2025-03-11T17:00:00-04:00' }),
        reminders: [0],
      }),
    ]);
    expect(drafts('remind me to stretch in 2 minutes')[0]).toMatchObject({
      title: 'Stretch',
      when: { at: '2025-03-10T10:02:00-04:00' },
      reminders: [0],
    });
    expect(drafts('ping me to take out the trash at 8pm')[0]).toMatchObject({
      title: 'Take out the trash',
      reminders: [0],
    });
    expect(drafts('buy milk tomorrow')[0]!.reminders).toEqual([]);
    // a reminder to plan is a reminder, not a plan for now
    expect(drafts('remind me every sunday at 7pm to plan the week')[0]).toMatchObject({
      title: 'Plan the week',
      recurrence: 'FREQ=WEEKLY;BYDAY=SU',
      when: { at: '2025-03-16T19:00:00-04:00' },
      reminders: [0],
    });
  });

  it('"15 min before" replaces the reminder at the due time', () => {
    expect(drafts('remind me 15 min before the meeting at 3pm')[0]).toMatchObject({
      title: 'The meeting',
      when: { at: '2025-03-10T15:00:00-04:00' },
      reminders: [15],
    });
    expect(drafts('remind me to email Sam an hour before the meeting at 2pm')[0]).toMatchObject({
      title: 'Email Sam',
      when: { at: '2025-03-10T14:00:00-04:00' },
      reminders: [60],
    });
    expect(reminderOffsetsFrom('an hour before and at the time').offsets).toEqual([0, 60]);
    expect(reminderOffsetsFrom('the day before').offsets).toEqual([1440]);
  });

  it('a reminder on a whole day goes out in the morning; without any day or time it asks', () => {
    expect(drafts('remind me to pay rent on friday')[0]).toMatchObject({
      when: { date: '2025-03-14', time: '09:00', at: '2025-03-14T09:00:00-04:00' },
      reminders: [0],
    });
    expect(drafts('remind me to call mom')[0]).toMatchObject({
      title: 'Call mom',
      when: null,
      reminders: [],
      needsTime: true,
    });
  });

  it('repeats in words become an RRULE, with the time as the due time of the first occurrence', () => {
    expect(drafts('every weekday at 8 take meds')[0]).toMatchObject({
      title: 'Take meds',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      when: { time: '08:00', at: '2025-03-11T08:00:00-04:00' },
    });
    expect(drafts('team standup every monday and wednesday at 9:30am')[0]).toMatchObject({
      title: 'Team standup',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE',
      when: { at: '2025-03-12T09:30:00-04:00' },
    });
    expect(drafts('pay rent every month on the 1st')[0]).toMatchObject({
      title: 'Pay rent',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      when: { date: '2025-04-01', time: null },
    });
    expect(drafts('call grandma every other week')[0]!.recurrence).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(drafts('daily at 7am journal')[0]).toMatchObject({ title: 'Journal', recurrence: 'FREQ=DAILY' });
    expect(drafts('gym mondays and thursdays at 7am')[0]!.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO,TH');
    expect(drafts('drink water every 2 hours')[0]).toMatchObject({
      title: 'Drink water',
      recurrence: 'FREQ=DAILY;BYHOUR=9,11,13,15,17,19,21;BYMINUTE=0',
      when: { at: '2025-03-10T11:00:00-04:00' },
    });
    expect(drafts('remind me to take meds every morning')[0]).toMatchObject({
      recurrence: 'FREQ=DAILY',
      when: { at: '2025-03-11T09:00:00-04:00' },
      reminders: [0],
    });
  });
});

describe('tasks asked for in words: titles, all-day phrases and several tasks in one message', () => {
  it('titles lose the scheduling words and keep the numbers that name things; day-level phrases are all-day', () => {
    expect(drafts("I need to write my thesis, it's due in 3 weeks")[0]).toMatchObject({
      title: 'Write my thesis',
      when: { date: '2025-03-31', time: null, at: '2025-03-31T00:00:00-04:00' },
    });
    expect(drafts('water plant number 10 tomorrow at 9am')[0]).toMatchObject({
      title: 'Water plant number 10',
      when: { at: '2025-03-11T09:00:00-04:00' },
    });
    expect(drafts('finish the report due friday')[0]).toMatchObject({
      title: 'Finish the report',
      when: { date: '2025-03-14', time: null },
    });
    expect(drafts('dentist next week')[0]!.when?.time).toBeNull();
  });

  it('several tasks in one message, a date said once at the end applying to all', () => {
    const three = drafts('I need to buy milk, call the dentist and email Sam tomorrow');
    expect(three.map((d) => [d.title, d.when?.date, d.when?.time])).toEqual([
      ['Buy milk', '2025-03-11', null],
      ['Call the dentist', '2025-03-11', null],
      ['Email Sam', '2025-03-11', null],
    ]);
    expect(drafts('call mom at 5 and buy milk tomorrow').map((d) => [d.title, d.when?.at])).toEqual([
      ['Call mom', '2025-03-10T17:00:00-04:00'],
      ['Buy milk', '2025-03-11T00:00:00-04:00'],
    ]);
    expect(drafts('buy milk, eggs and bread tomorrow').map((d) => d.title)).toEqual([
      'Buy milk, eggs and bread',
    ]);
    expect(drafts('clean and vacuum the kitchen tomorrow').map((d) => d.title)).toEqual([
      'Clean and vacuum the kitchen',
    ]);
  });
});

describe('lists, estimates, spoken times and declined reminders', () => {
  it('a bulleted list is one task per line', () => {
    const titles = (text: string) => drafts(text).map((d) => d.title);
    const want = ['Email professor', 'Return library books', 'Book haircut'];
    expect(titles('add these:\n- email professor\n- return library books\n- book haircut')).toEqual(want);
    expect(titles('add these: - email professor - return library books - book haircut')).toEqual(want);
  });

  it('keeps an estimate and "no reminder needed" out of the title', () => {
    expect(drafts('clean the bathroom tomorrow, should take about 30 minutes')[0]).toMatchObject({
      title: 'Clean the bathroom',
      when: { date: '2025-03-11', time: null },
      estimateMinutes: 30,
    });
    expect(drafts('sort the tax papers friday, it will take an hour and a half')[0]).toMatchObject({
      title: 'Sort the tax papers',
      estimateMinutes: 90,
    });
    expect(drafts('tidy the desk, takes half an hour')[0]?.estimateMinutes).toBe(30);
    expect(drafts('write the report, should take a couple of hours')[0]?.estimateMinutes).toBe(120);
    expect(drafts('call the bank')[0]?.estimateMinutes).toBeNull();
    // said once for a list: whose estimate it is is unclear, so none gets it
    expect(
      drafts('buy milk and call the bank, should take 20 minutes').map((d) => d.estimateMinutes),
    ).toEqual([null, null]);
    expect(drafts('add dentist appointment thursday at 3pm, no reminder needed')[0]).toMatchObject({
      title: 'Dentist appointment',
      when: { at: '2025-03-13T15:00:00-04:00' },
      reminders: [],
    });
  });

  it('"don\'t let me forget" asks for a reminder; "half past four" is 16:30; "every morning at 7:15" is 07:15', () => {
    expect(drafts("don't let me forget to take the trash out tonight at 8")[0]).toMatchObject({
      title: 'Take the trash out',
      reminders: [0],
    });
    expect(drafts('remind me to ring the landlord tomorrow at half past four')[0]).toMatchObject({
      title: 'Ring the landlord',
      when: { at: '2025-03-11T16:30:00-04:00' },
    });
    expect(drafts('journal every morning at 7:15')[0]).toMatchObject({
      title: 'Journal',
      when: { time: '07:15' },
      recurrence: 'FREQ=DAILY',
    });
    expect(drafts('water the plants weekly on saturdays at 10am')[0]).toMatchObject({
      title: 'Water the plants',
      recurrence: 'FREQ=WEEKLY;BYDAY=SA',
    });
    expect(drafts('every sunday evening at 6 plan the week')[0]).toMatchObject({
      recurrence: 'FREQ=WEEKLY;BYDAY=SU',
      when: { time: '18:00' },
    });
  });
});

describe('changing the repeat of a task that exists', () => {
  it('"make X repeat every day at 8am" and "stop repeating X" name the task and the new rule', () => {
    const made = understand('make take vitamins repeat every day at 8am', ny);
    expect(made.intent).toBe('reschedule');
    expect(made.slots).toMatchObject({
      taskRef: 'take vitamins',
      recurrence: 'FREQ=DAILY',
      when: { time: '08:00' },
    });
    const stopped = understand('stop repeating water the ferns', ny);
    expect(stopped.intent).toBe('reschedule');
    expect(stopped.slots).toMatchObject({ taskRef: 'water the ferns', recurrence: null });
  });
});

describe('done in the past tense', () => {
  it('"took my meds" completes the task it names', () => {
    const done = understand('took my meds', ny);
    expect(done.intent).toBe('complete_task');
    expect(done.slots.taskRef).toBe('my meds');
  });
});

describe('two things, two times', () => {
  it('"dentist at 3 tomorrow and pick up kids at 5" is two tasks on the same day', () => {
    expect(drafts('dentist at 3 tomorrow and pick up kids at 5')).toEqual([
      expect.objectContaining({
        title: 'Dentist',
        when: expect.objectContaining({ at: '2025-03-11T15:00:00-04:00' }),
      }),
      expect.objectContaining({
        title: 'Pick up kids',
        when: expect.objectContaining({ at: '2025-03-11T17:00:00-04:00' }),
      }),
    ]);
  });
});

describe('"the day before at 6pm": a reminder at a clock time, counted back from the due', () => {
  it('works out the minutes before a timed due, and keeps the words out of the title', () => {
    // Thursday 13 March 15:00 → Wednesday 12 March 18:00 is 21 hours before
    expect(drafts('dentist thursday at 3pm, remind me the day before at 6pm')).toEqual([
      expect.objectContaining({
        title: 'Dentist',
        when: expect.objectContaining({ at: '2025-03-13T15:00:00-04:00' }),
        reminders: [21 * 60],
      }),
    ]);
    // "the night before at 9" means 9 in the evening; with "and 1 hour before" both are kept
    expect(
      drafts('flight friday at 7am, remind me the night before at 9 and 1 hour before')[0],
    ).toMatchObject({
      title: 'Flight',
      reminders: [60, 10 * 60],
    });
  });
});

describe('", remind me 15 min before" after a task is part of that task, not a second one', () => {
  it('adds one task', () => {
    for (const text of [
      'dentist thursday at 3pm, remind me 15 min before',
      'call mom at 5pm and remind me',
      'flight on friday at 7am, remind me the night before',
      'pay rent friday, and please remind me about it the day before',
    ]) {
      expect(
        drafts(text).map((d) => d.title),
        text,
      ).toHaveLength(1);
    }
  });
});
