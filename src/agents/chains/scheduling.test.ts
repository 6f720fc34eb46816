import { describe, expect, it } from 'vitest';
import { findSlot, isQuietMinute } from './scheduling.js';

const now = new Date('2025-03-10T14:10:00Z'); // 10:10 in New York
const base = {
  now,
  timezone: 'America/New_York',
  minutes: 45,
  quietHours: { start: '22:00', end: '08:00' },
  busy: [],
  dueAt: null,
};

describe('findSlot', () => {
  it('finds the next free quarter hour in the chosen part of the day', () => {
    expect(findSlot({ ...base, timeOfDay: 'morning' })?.start.toISOString()).toBe('2025-03-10T14:15:00.000Z');
    expect(findSlot({ ...base, timeOfDay: 'evening' })?.start.toISOString()).toBe('2025-03-10T22:00:00.000Z');
  });

  it('steps around busy times', () => {
    const busy = [{ start: new Date('2025-03-10T14:00:00Z'), end: new Date('2025-03-10T15:00:00Z') }];
    expect(findSlot({ ...base, timeOfDay: 'morning', busy })?.start.toISOString()).toBe(
      '2025-03-10T15:00:00.000Z',
    );
    const allMorning = [{ start: new Date('2025-03-10T14:00:00Z'), end: new Date('2025-03-10T15:30:00Z') }];
    expect(findSlot({ ...base, timeOfDay: 'morning', busy: allMorning })?.start.toISOString()).toBe(
      '2025-03-11T13:00:00.000Z',
    );
  });

  it('never lands in quiet hours', () => {
    expect(
      findSlot({
        ...base,
        timeOfDay: 'evening',
        quietHours: { start: '19:00', end: '08:00' },
      })?.end.toISOString(),
    ).toBe('2025-03-10T22:45:00.000Z');
    expect(
      findSlot({ ...base, timeOfDay: 'evening', quietHours: { start: '18:30', end: '08:00' } }),
    ).toBeNull();
  });

  it('knows quiet hours that wrap midnight', () => {
    expect(isQuietMinute(23 * 60, { start: '22:00', end: '07:00' })).toBe(true);
    expect(isQuietMinute(6 * 60, { start: '22:00', end: '07:00' })).toBe(true);
    expect(isQuietMinute(12 * 60, { start: '22:00', end: '07:00' })).toBe(false);
  });
});
