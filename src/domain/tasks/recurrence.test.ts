import { describe, expect, it } from 'vitest';
import {
  describeRule,
  nextOccurrence,
  parseRule,
  RecurrenceRuleSchema,
  ruleProblem,
  type Occurrence,
} from './recurrence.js';

const timed = (iso: string): Occurrence => ({ kind: 'timed', at: new Date(iso) });
const at = (o: Occurrence | null) =>
  o?.kind === 'timed' ? o.at.toISOString() : o?.kind === 'date' ? o.date : null;

const next = (
  rule: string,
  current: Occurrence,
  opts: { tz?: string; notBefore?: string; n?: number } = {},
) =>
  nextOccurrence({
    rule,
    timezone: opts.tz ?? 'Europe/Berlin',
    current,
    notBefore: new Date(opts.notBefore ?? '2000-01-01T00:00:00Z'),
    occurrenceNumber: opts.n ?? 1,
  });

describe('recurrence rules', () => {
  it('normalizes accepted rules to one canonical text', () => {
    expect(RecurrenceRuleSchema.parse('rrule:freq=weekly;byday=mo,tu,we,th,fr')).toBe(
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    );
    expect(RecurrenceRuleSchema.parse('BYDAY=MO;FREQ=WEEKLY;INTERVAL=1')).toBe('FREQ=WEEKLY;BYDAY=MO');
    expect(RecurrenceRuleSchema.parse('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1')).toBe(
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    );
  });

  it.each([
    ['', /empty/],
    ['BYDAY=MO', /FREQ is required/],
    ['FREQ=HOURLY', /at most daily/],
    ['FREQ=SOMETIMES', /FREQ must be/],
    ['FREQ=DAILY;INTERVAL=x', /whole numbers/],
    ['FREQ=DAILY;INTERVAL=0', /not 0/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY value/],
    ['FREQ=WEEKLY;BYDAY=1MO', /numbered weekdays/],
    ['FREQ=DAILY;BYHOUR=25', /BYHOUR/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20300101', /not both/],
    ['FREQ=DAILY;FREQ=WEEKLY', /twice/],
    ['FREQ=DAILY;BYEASTER=1', /not supported/],
    ['DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY', /only the RRULE part/],
    ['FREQ=WEEKLY;BYMONTHDAY=3', /does not go with/],
  ])('rejects %j clearly', (rule, message) => {
    expect(() => parseRule(rule)).toThrow(message);
  });

  it('keeps 09:00 Berlin time across the spring DST change (every weekday)', () => {
    // Friday 28 March 2025, 09:00 CET (+01:00); clocks go forward on Sunday 30 March.
    const friday = timed('2025-03-28T08:00:00Z');
    const monday = next('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', friday);
    expect(at(monday)).toBe('2025-03-31T07:00:00.000Z'); // 09:00 CEST (+02:00)
  });

  it('keeps the wall-clock time across the autumn change, daily', () => {
    const saturday = timed('2025-10-25T07:30:00Z'); // 09:30 CEST
    expect(at(next('FREQ=DAILY', saturday))).toBe('2025-10-26T08:30:00.000Z'); // 09:30 CET
  });

  it('uses BYHOUR and BYMINUTE in the task zone', () => {
    const morning = timed('2025-03-29T08:00:00Z'); // Sat 09:00 CET
    expect(at(next('FREQ=DAILY;BYHOUR=9,18;BYMINUTE=0', morning))).toBe('2025-03-29T17:00:00.000Z');
    expect(at(next('FREQ=DAILY;BYHOUR=9;BYMINUTE=0', morning))).toBe('2025-03-30T07:00:00.000Z');
  });

  it('skips occurrences that passed while the task waited, instead of creating a backlog', () => {
    const monday = timed('2025-03-03T08:00:00Z'); // Mon 09:00 CET
    // Completed on Thursday afternoon: the next one is Friday, not Tuesday.
    expect(at(next('FREQ=DAILY', monday, { notBefore: '2025-03-06T14:00:00Z' }))).toBe(
      '2025-03-07T08:00:00.000Z',
    );
    // Completed early, before it was due: the next one is still after this one.
    expect(at(next('FREQ=DAILY', monday, { notBefore: '2025-03-02T10:00:00Z' }))).toBe(
      '2025-03-04T08:00:00.000Z',
    );
  });

  it('picks the last weekday of the month with BYSETPOS', () => {
    const lastWeekday = 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';
    expect(at(next(lastWeekday, timed('2025-01-31T16:00:00Z')))).toBe('2025-02-28T16:00:00.000Z');
    expect(at(next(lastWeekday, timed('2025-02-28T16:00:00Z')))).toBe('2025-03-31T15:00:00.000Z'); // 17:00 CEST
    expect(at(next('FREQ=MONTHLY;BYDAY=2TU', { kind: 'date', date: '2025-01-14' }))).toBe('2025-02-11');
  });

  it('respects INTERVAL from the current occurrence', () => {
    expect(at(next('FREQ=WEEKLY;INTERVAL=2', timed('2025-01-06T08:00:00Z')))).toBe(
      '2025-01-20T08:00:00.000Z',
    );
  });

  it('handles all-day tasks by calendar day', () => {
    expect(at(next('FREQ=MONTHLY;BYMONTHDAY=-1', { kind: 'date', date: '2025-01-31' }))).toBe('2025-02-28');
    expect(
      at(next('FREQ=YEARLY', { kind: 'date', date: '2025-05-01' }, { notBefore: '2025-05-01T20:00:00Z' })),
    ).toBe('2026-05-01');
  });

  it('ends the series at COUNT and UNTIL', () => {
    const start = timed('2025-01-06T08:00:00Z');
    expect(next('FREQ=DAILY;COUNT=3', start, { n: 2 })).not.toBeNull();
    expect(next('FREQ=DAILY;COUNT=3', start, { n: 3 })).toBeNull();
    expect(at(next('FREQ=DAILY;UNTIL=20250107', start))).toBe('2025-01-07T08:00:00.000Z');
    expect(next('FREQ=DAILY;UNTIL=20250106', start)).toBeNull();
    expect(next('FREQ=DAILY;UNTIL=20250107T075959Z', start)).toBeNull();
  });

  it('treats a rule that can never happen as ended, quickly', () => {
    const started = Date.now();
    expect(next('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', timed('2025-01-06T08:00:00Z'))).toBeNull();
    expect(next('FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2', timed('2025-01-06T08:00:00Z'))).toBeNull();
    expect(ruleProblem('FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31', 'UTC', timed('2025-01-06T08:00:00Z'))).toMatch(
      /never happens/,
    );
    const monday = timed('2025-01-06T08:00:00Z');
    expect(ruleProblem('FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=3', 'UTC', monday)).toMatch(/never happens/);
    expect(ruleProblem('FREQ=DAILY;INTERVAL=7;BYDAY=TU', 'UTC', monday)).toMatch(/never happens/);
    expect(ruleProblem('FREQ=DAILY;INTERVAL=7;BYDAY=MO', 'UTC', monday)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    // Rare but real: 29 February.
    expect(at(next('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', { kind: 'date', date: '2025-01-10' }))).toBe(
      '2028-02-29',
    );
  });

  it('refuses times of day on all-day tasks', () => {
    expect(ruleProblem('FREQ=DAILY;BYHOUR=9', 'UTC', { kind: 'date', date: '2025-01-10' })).toMatch(
      /all-day/,
    );
    expect(ruleProblem('FREQ=DAILY', 'UTC', { kind: 'date', date: '2025-01-10' })).toBeNull();
  });

  it('describes a rule in words', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,WE')).toMatch(/every week on Monday, Wednesday/);
  });
});
