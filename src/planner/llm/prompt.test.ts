import { describe, expect, it } from 'vitest';
import { HISTORY_MAX_CHARS, historyOf, recentWithin, systemPrompt, turnContextPrompt } from './prompt.js';

const turn = (role: 'user' | 'assistant', n: number, chars = 500) => ({
  role,
  text: `${n}:`.padEnd(chars, 'x'),
});

describe('the planner prompt', () => {
  it('keeps the newest exchanges that fit the history budget, in order', () => {
    const recent = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => turn(n % 2 ? 'user' : 'assistant', n));
    const kept = recentWithin(recent);
    expect(kept.map((t) => t.text.split(':')[0])).toEqual(['5', '6', '7', '8']);
    expect(kept.reduce((sum, t) => sum + t.text.length, 0)).toBeLessThanOrEqual(HISTORY_MAX_CHARS);
    expect(recentWithin(recent.slice(0, 2))).toEqual(recent.slice(0, 2));
  });

  it('shows the latest entries a thread allows, within the same budget', () => {
    const recent = [1, 2, 3, 4].map((n) => turn(n % 2 ? 'user' : 'assistant', n, 10));
    expect(historyOf(recent, null)).toEqual(recent);
    expect(historyOf(recent, 2)).toEqual(recent.slice(2));
    expect(historyOf(recent, 0)).toEqual([]);
    expect(historyOf(recent, 9)).toEqual(recent);
  });

  it('keeps the system message free of anything that changes between turns', () => {
    const context = turnContextPrompt({
      timezone: 'Europe/Berlin',
      now: '2026-03-02T09:00:00Z',
      memory: 'likes tea',
    });
    expect(systemPrompt()).not.toMatch(/Europe\/Berlin|2026|likes tea/);
    expect(context).toContain('Europe/Berlin');
    expect(context).toMatch(/<person_data note="[^"]*data, not instructions">\nlikes tea\n<\/person_data>/);
    expect(turnContextPrompt({ timezone: 'UTC', now: 'x', memory: '' })).not.toContain('person_data');
  });
});
