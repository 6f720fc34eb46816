import { describe, expect, it } from 'vitest';
import { firstOccurrence, hourlyRule, repeatFrom } from './recurrence-words.js';

const ruleOf = (text: string) => repeatFrom(text)?.rule ?? null;

describe('repeats in words', () => {
  it('reads the common ways people say a repeat', () => {
    expect(ruleOf('every weekday at 8 take meds')).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(ruleOf('standup every monday and wednesday')).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
    expect(ruleOf('gym on tuesdays, thursdays and saturdays')).toBe('FREQ=WEEKLY;BYDAY=TU,TH,SA');
    expect(ruleOf('every other friday')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
    expect(ruleOf('every day')).toBe('FREQ=DAILY');
    expect(ruleOf('daily at 7')).toBe('FREQ=DAILY');
    expect(ruleOf('every morning')).toBe('FREQ=DAILY');
    expect(ruleOf('every other week')).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(ruleOf('every 3 days')).toBe('FREQ=DAILY;INTERVAL=3');
    expect(ruleOf('every month on the 1st')).toBe('FREQ=MONTHLY;BYMONTHDAY=1');
    expect(ruleOf('on the 15th of every month')).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
    expect(ruleOf('every first monday of the month')).toBe('FREQ=MONTHLY;BYDAY=1MO');
    expect(ruleOf('every weekend')).toBe('FREQ=WEEKLY;BYDAY=SA,SU');
    expect(ruleOf('fortnightly')).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(ruleOf('every year')).toBe('FREQ=YEARLY');
    expect(repeatFrom('drink water every 2 hours')).toMatchObject({ rule: 'FREQ=DAILY', everyHours: 2 });
  });

  it('finds no repeat in one-off requests', () => {
    expect(ruleOf('call mom on monday')).toBeNull();
    expect(ruleOf('pay rent by the 1st')).toBeNull();
    expect(ruleOf('this month is busy')).toBeNull();
  });

  it("starts on the first matching day still ahead, in the person's zone", () => {
    // Saturday 15 March 2025, 10:00 in New York
    const now = new Date('2025-03-15T14:00:00Z');
    const zone = 'America/New_York';
    const weekday = firstOccurrence('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2025-03-15', '08:00', now, zone);
    expect(weekday.at.toISO()).toBe('2025-03-17T08:00:00.000-04:00');
    expect(firstOccurrence('FREQ=DAILY', '2025-03-15', '09:00', now, zone).date).toBe('2025-03-16');
    expect(firstOccurrence('FREQ=DAILY', '2025-03-15', '18:00', now, zone).date).toBe('2025-03-15');
    expect(firstOccurrence('FREQ=MONTHLY;BYMONTHDAY=1', '2025-03-15', null, now, zone).date).toBe(
      '2025-04-01',
    );
    expect(firstOccurrence('FREQ=MONTHLY;BYDAY=-1FR', '2025-03-15', null, now, zone).date).toBe('2025-03-28');
  });

  it('spreads "every N hours" over waking hours, through the first one', () => {
    expect(hourlyRule(2, { hour: 11, minute: 0 })).toBe('FREQ=DAILY;BYHOUR=9,11,13,15,17,19,21;BYMINUTE=0');
    expect(hourlyRule(3, { hour: 23, minute: 30 })).toBe('FREQ=DAILY;BYHOUR=8,11,14,17,20,23;BYMINUTE=30');
  });
});
