import { describe, expect, it } from 'vitest';
import { renderNotification, renderReply } from './render-sms.js';
import { encodingOf, segmentCount } from './segments.js';

const long = 'Breaking a big task into small steps makes it much easier to begin, so here is a plan. '.repeat(
  8,
);

describe('SMS segments', () => {
  it('count GSM-7 and UCS-2 texts the way carriers bill them', () => {
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('a'.repeat(306))).toBe(2);
    expect(segmentCount('a'.repeat(307))).toBe(3);
    expect(segmentCount('{'.repeat(80))).toBe(1); // extended characters take two septets
    expect(segmentCount('{'.repeat(81))).toBe(2);
    expect(encodingOf(`${'a'.repeat(69)}🎉`)).toBe('UCS-2');
    expect(segmentCount(`${'a'.repeat(68)}🎉`)).toBe(1); // the emoji is two UTF-16 units
    expect(segmentCount(`${'a'.repeat(69)}🎉`)).toBe(2);
  });
});

describe('replies made for a phone', () => {
  it('keep a long reply within 2 segments, cut at a word, options intact', () => {
    const sms = renderReply([
      { type: 'text', text: long },
      {
        type: 'choices',
        prompt: 'What next?',
        choices: [
          { label: 'Start it', action: { type: 'start_task', taskId: 'task_1' } },
          { label: 'Later (30 min)', action: { type: 'snooze_task', taskId: 'task_1', minutes: 30 } },
        ],
      },
    ]);
    expect(segmentCount(sms.body)).toBeLessThanOrEqual(2);
    expect(sms.body.length).toBeGreaterThan(200); // GSM-7: the budget is 306, not 134
    expect(sms.body).toMatch(/Reply 1 for start it, 2 for later \(30 min\)\.$/);
    expect(sms.body).toContain('...');
    expect(sms.choices.map((c) => c.action?.type)).toEqual(['start_task', 'snooze_task']);
  });

  it('halve the budget when one emoji makes the text UCS-2', () => {
    const sms = renderReply([{ type: 'text', text: `Nice work 🎉 ${long}` }]);
    expect(encodingOf(sms.body)).toBe('UCS-2');
    expect(segmentCount(sms.body)).toBeLessThanOrEqual(2);
    expect(sms.body.length).toBeLessThanOrEqual(134);
    expect(sms.body.startsWith('Nice work 🎉')).toBe(true);
  });

  it('swap typographic punctuation so a plain reply stays GSM-7', () => {
    const sms = renderReply([{ type: 'text', text: 'You\u2019re on it \u2014 \u201Cone step\u201D\u2026' }]);
    expect(sms.body).toBe('You\'re on it - "one step"...');
    expect(encodingOf(sms.body)).toBe('GSM-7');
  });

  it('show the top 3 tasks and offer MORE', () => {
    const tasks = ['Taxes', 'Laundry', 'Call mom', 'Dentist', 'Plants'].map((title, i) => ({
      id: `task_${i}`,
      title,
      status: 'open',
      due: null,
      estimateMinutes: i === 0 ? 25 : null,
    }));
    const sms = renderReply([
      { type: 'text', text: 'Here is what is open.' },
      { type: 'task_list', title: 'Open', tasks },
    ]);
    expect(sms.body).toBe(
      'Here is what is open.\nOpen:\n- Taxes (25 min)\n- Laundry\n- Call mom\n(2 more: reply MORE)',
    );
    expect(sms.more.map((t) => t.title)).toEqual(['Dentist', 'Plants']);
  });

  it('turn a reminder’s buttons into numbered answers', () => {
    const sms = renderNotification({
      kind: 'reminder',
      title: 'Reminder: Call mom',
      text: '⏰ "Call mom" is due now. Want to start with just two minutes?',
      taskId: 'task_9',
      actions: [
        { id: 'done', label: 'Done' },
        { id: 'snooze_15', label: 'Snooze 15 min' },
      ],
      data: {},
    });
    expect(sms.body).toMatch(/Reply 1 for done, 2 for snooze 15 min\.$/);
    expect(sms.choices[1]).toEqual({
      label: 'Snooze 15 min',
      action: { type: 'snooze_task', taskId: 'task_9', minutes: 15 },
    });
    expect(segmentCount(sms.body)).toBeLessThanOrEqual(2);
  });
});
