import { describe, expect, it } from 'vitest';
import { chatKindOf, chatReply, ventKindOf } from './warmth.js';

describe('basic mode warmth (issue 15)', () => {
  it('offers one small step for task paralysis, as for overwhelm', () => {
    expect(ventKindOf("task paralysis hitting hard, i've been staring at my list for an hour")).toBe(
      'overwhelm',
    );
    expect(ventKindOf('i feel frozen')).toBe('overwhelm');
  });

  it('answers a forgotten meal in hyperfocus with a nudge to eat, not a thumbs-up', () => {
    const kind = chatKindOf('i hyperfocused all morning and forgot to eat lol');
    expect(kind).toBe('selfcare');
    expect(chatReply[kind]).toMatch(/eat/);
  });
});
