import { describe, expect, it } from 'vitest';
import {
  MAX_REMINDER_MINUTES,
  parseReminderOffset,
  parseReminderOffsets,
  ReminderOffsetsSchema,
} from './reminder-offsets.js';

describe('reminder offsets', () => {
  it.each([
    ['15m', 15],
    ['1h', 60],
    ['1d', 1440],
    ['1w', 10080],
    ['90m', 90],
    ['2h', 120],
    ['3d', 4320],
    [' 2 Hours ', 120],
    ['30 min', 30],
    ['0m', 0],
    ['45', 45],
    [25, 25],
    [0, 0],
  ])('reads %j as %i minutes before due', (value, minutes) => {
    expect(parseReminderOffset(value)).toBe(minutes);
  });

  it.each(['', 'soon', '1y', '-5m', '1.5h', '15 m m', '5w'])('rejects %j with a helpful message', (value) => {
    expect(() => parseReminderOffset(value)).toThrow(/reminder|unit|4 weeks/);
  });

  it('rejects negative, fractional and too-early numbers', () => {
    expect(() => parseReminderOffset(-1)).toThrow();
    expect(() => parseReminderOffset(2.5)).toThrow();
    expect(() => parseReminderOffset(MAX_REMINDER_MINUTES + 1)).toThrow(/4 weeks/);
    expect(parseReminderOffset(MAX_REMINDER_MINUTES)).toBe(MAX_REMINDER_MINUTES);
  });

  it('sorts, de-duplicates and bounds a list', () => {
    expect(parseReminderOffsets(['1h', 15, '60m', '1d'])).toEqual([15, 60, 1440]);
    expect(() => parseReminderOffsets(Array.from({ length: 11 }, (_, i) => i))).toThrow(/at most 10/);
  });

  it('schema output re-parses to itself (REST validates, then the use case validates again)', () => {
    const once = ReminderOffsetsSchema.parse(['1h', '15m', 30]);
    expect(once).toEqual([15, 30, 60]);
    expect(ReminderOffsetsSchema.parse(once)).toEqual(once);
    const bad = ReminderOffsetsSchema.safeParse(['tomorrow']);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/not a reminder time/);
  });
});
