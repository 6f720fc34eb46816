import { describe, expect, it } from 'vitest';
import type { ConverseEvent, Reply } from '../../planner/index.js';
import { createUiMessageEncoder, sseData } from './ui-message-stream.js';

const reply: Reply = {
  id: 'msg_1',
  threadId: 'widget',
  parts: [
    { type: 'text', text: 'Got it!' },
    {
      type: 'choices',
      prompt: 'Now?',
      choices: [{ label: 'Done', action: { type: 'complete_task', taskId: 'task_1' } }],
    },
  ],
  text: 'Got it! Now?',
  basicMode: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const run = (events: ConverseEvent[]) => {
  const encoder = createUiMessageEncoder();
  return events.flatMap((event) => encoder.encode(event));
};

describe('the UI message stream encoder', () => {
  it('streams text in one block and sends rich parts as data parts, once', () => {
    const chunks = run([
      { type: 'start', messageId: 'msg_1' },
      { type: 'text-delta', delta: 'Got ' },
      { type: 'text-delta', delta: 'it!' },
      { type: 'part', part: reply.parts[1]! },
      { type: 'done', reply },
    ]);
    expect(chunks.map((c) => c.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'data-choices',
      'message-metadata',
      'finish',
    ]);
    expect(chunks[0]).toEqual({ type: 'start', messageId: 'msg_1' });
    expect(chunks[5]).toMatchObject({ type: 'data-choices', data: reply.parts[1] });
  });

  it('does not repeat a streamed text whose final form differs only by outer whitespace (Ollama ends in "\\n")', () => {
    const chunks = run([
      { type: 'start', messageId: 'msg_1' },
      { type: 'text-delta', delta: 'Got ' },
      { type: 'text-delta', delta: 'it!\n' },
      { type: 'done', reply },
    ]);
    const deltas = chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : []));
    expect(deltas.join('')).toBe('Got it!\n');
  });

  it('sends a replayed reply (no deltas) whole', () => {
    const chunks = run([{ type: 'done', reply }]);
    expect(chunks.map((c) => c.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-end',
      'data-choices',
      'message-metadata',
      'finish',
    ]);
    expect(chunks[2]).toMatchObject({ delta: 'Got it!' });
  });

  it('closes an open text block on error and stops after it', () => {
    const encoder = createUiMessageEncoder();
    encoder.encode({ type: 'start', messageId: 'm' });
    encoder.encode({ type: 'text-delta', delta: 'Hel' });
    expect(encoder.encode({ type: 'error', message: 'Oops' }).map((c) => c.type)).toEqual([
      'text-end',
      'error',
      'finish',
    ]);
    expect(encoder.encode({ type: 'text-delta', delta: 'lo' })).toEqual([]);
    expect(encoder.abort()).toEqual([]);
  });

  it('frames chunks as SSE data lines', () => {
    expect(sseData({ type: 'finish' })).toBe('data: {"type":"finish"}\n\n');
    expect(sseData('[DONE]')).toBe('data: [DONE]\n\n');
  });
});
