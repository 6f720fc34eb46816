import { describe, expect, it } from 'vitest';
import { quietUntil, startOfNextLocalDay } from './quiet-hours.js';

const night = { start: '22:00', end: '08:00' };

describe('quiet hours', () => {
  it('defers a 3 a.m. reminder to the end of quiet hours in the person’s own zone', () => {
    // 03:00 in Berlin (CET, UTC+1) is 02:00Z; quiet hours end at 08:00 Berlin = 07:00Z.
    expect(quietUntil(new Date('2026-01-15T02:00:00Z'), 'Europe/Berlin', night)?.toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
  });

  it('treats the evening part of an overnight window as quiet until the next morning', () => {
    // 23:30 New York (EST, UTC-5) = 04:30Z next day; quiet ends 08:00 local = 13:00Z.
    expect(quietUntil(new Date('2026-01-16T04:30:00Z'), 'America/New_York', night)?.toISOString()).toBe(
      '2026-01-16T13:00:00.000Z',
    );
  });

  it('lets messages through outside quiet hours and at the exact end', () => {
    expect(quietUntil(new Date('2026-01-15T12:00:00Z'), 'Europe/Berlin', night)).toBeNull();
    expect(quietUntil(new Date('2026-01-15T07:00:00Z'), 'Europe/Berlin', night)).toBeNull();
  });

  it('supports a daytime window that does not cross midnight', () => {
    const nap = { start: '13:00', end: '14:30' };
    expect(quietUntil(new Date('2026-06-01T13:15:00Z'), 'UTC', nap)?.toISOString()).toBe(
      '2026-06-01T14:30:00.000Z',
    );
    expect(quietUntil(new Date('2026-06-01T12:59:00Z'), 'UTC', nap)).toBeNull();
  });

  it('keeps local wall-clock time across the spring DST change', () => {
    // Night of 28→29 March 2026 Berlin switches to CEST (UTC+2): 08:00 local = 06:00Z.
    expect(quietUntil(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin', night)?.toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });

  it('has no quiet hours when the person turned them off', () => {
    expect(quietUntil(new Date('2026-01-15T02:00:00Z'), 'Europe/Berlin', null)).toBeNull();
  });

  it('finds the next local midnight', () => {
    expect(startOfNextLocalDay(new Date('2026-01-15T22:30:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-01-15T23:00:00.000Z',
    );
  });
});
