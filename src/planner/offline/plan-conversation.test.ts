import { describe, expect, it } from 'vitest';
import { understand } from '../../agents/index.js';
import { needsYes } from '../guardrails/confirmation.js';
import { planText } from './plan-calls.js';

const now = new Date('2025-03-10T14:00:00Z');
const timezone = 'America/New_York';
const available = new Set(['log_mood', 'suggest_next_task', 'review_day', 'start_focus_session', 'recall']);
const plan = (text: string) =>
  planText(text, understand(text, { now, timezone }), { now, timezone, available });
const names = (text: string) => plan(text).calls.map((c) => c.name);
const NOT_UNDERSTOOD = /not sure what you mean|I can add tasks/i;

describe('basic mode plans for what is not a task (issue 15)', () => {
  it('answers feelings with warmth and a mood log, never a task or the menu', () => {
    const overwhelmed = plan("I have a lot to do today and I'm overwhelmed");
    expect(overwhelmed.calls.map((c) => c.name)).toEqual(['log_mood', 'suggest_next_task']);
    expect(overwhelmed.calls[0]).toMatchObject({ quiet: true, args: { mood: 2 } });
    expect(overwhelmed.notes.join(' ')).toMatch(/overwhelmed makes sense/);
    const useless = plan("I failed again, I'm useless");
    expect(useless.calls.map((c) => c.name)).toEqual(['log_mood']);
    expect(useless.notes.join(' ')).toMatch(/not useless/);
    for (const text of ["I failed again, I'm useless", 'thanks, goodnight', 'lol', 'how are you?'])
      expect(plan(text).notes.join(' ')).not.toMatch(NOT_UNDERSTOOD);
    expect(plan('thanks, goodnight')).toMatchObject({
      calls: [],
      notes: [expect.stringMatching(/Good night/)],
    });
  });

  it('maps looking back, edits, focus, recall and rewards to their tools', () => {
    expect(names('how did I do today?')).toEqual(['review_day']);
    expect(plan('delete pay rent').calls[0]).toMatchObject({
      name: 'delete_task',
      lookup: { kind: 'task', words: 'pay rent' },
    });
    expect(plan('rename buy milk to buy oat milk').calls[0]).toMatchObject({
      name: 'update_task',
      args: { changes: { title: 'Buy oat milk' } },
      lookup: { words: 'buy milk' },
    });
    expect(plan('reopen fold the laundry').calls[0]).toMatchObject({
      name: 'reopen_task',
      lookup: { words: 'fold the laundry', status: ['done', 'archived'] },
    });
    expect(plan('start a 25 minute focus session').calls[0]).toMatchObject({
      name: 'start_focus_session',
      args: { plannedMinutes: 25 },
    });
    expect(plan('when do I work best?').calls[0]).toMatchObject({
      name: 'recall',
      args: { query: 'when do I work best?' },
    });
    expect(names('what do you remember about me?')).toEqual(['list_memories']);
    expect(names('how have I been feeling?')).toEqual(['get_mood_patterns']);
    expect(names('what rewards can I get?')).toEqual(['list_rewards']);
  });

  it('suggests within the time and energy said, creating nothing', () => {
    expect(plan("i have 15 minutes, what's something quick").calls).toEqual([
      expect.objectContaining({ name: 'suggest_next_task', args: { availableMinutes: 15 } }),
    ]);
    expect(plan('low energy rn, anything easy?').calls).toEqual([
      expect.objectContaining({ name: 'suggest_next_task', args: { energy: 2 } }),
    ]);
  });

  it('breaks down words that name no saved task by adding it and saving its steps', () => {
    expect(plan('help me break down cleaning the garage').calls[0]).toMatchObject({
      name: 'break_down_task',
      lookup: { words: 'cleaning the garage', orCreate: { args: { save: true } } },
    });
  });

  it('asks one short question when unsure: a yes adds a short phrase, a question gets a question back', () => {
    const short = plan('purple monkey dishwasher');
    expect(short.calls[0]).toMatchObject({
      name: 'create_task',
      args: { title: 'Purple monkey dishwasher' },
      ask: 'Should I add “Purple monkey dishwasher” to your list?',
    });
    const question = plan('what is the capital of peru?');
    expect(question.calls).toEqual([]);
    expect(question.notes.join(' ').match(/\?/g)).toHaveLength(1);
    expect(plan('help').notes.join(' ')).toMatch(/Try:/);
  });
});

describe('which changes need a yes', () => {
  it('asks for deletes, forgetting, spending and bulk changes, not for moving or renaming one task', () => {
    for (const name of ['delete_task', 'forget', 'redeem_reward', 'fresh_start'])
      expect(needsYes(name, false)).toBe(true);
    expect(needsYes('update_task', true)).toBe(false);
    expect(needsYes('reorder_subtasks', true)).toBe(false);
    expect(needsYes('update_profile', true)).toBe(true);
    expect(needsYes('create_task', false)).toBe(false);
  });
});
