import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../shared/index.js';
import { ERROR_META_KEY, toolError, toolResult } from './results.js';

const lines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });

describe('tool results', () => {
  it('mirrors structured output as JSON text', () => {
    const result = toolResult({ id: 'task_1', title: 'Call Sam' });
    expect(result.structuredContent).toEqual({ id: 'task_1', title: 'Call Sam' });
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  });

  it('turns a domain error into an isError result with its safe message, code and details', () => {
    const error = new AppError('FOCUS_SESSION_ACTIVE', "You're already in a focus block.", {
      details: { activeSessionId: 'fcs_1' },
    });
    const result = toolError(error, logger, 'start_focus_session');
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toContain("You're already in a focus block.");
    expect((result.content[0] as { text: string }).text).toContain('fcs_1');
    expect(result._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'FOCUS_SESSION_ACTIVE', retryable: false });
  });

  it('explains invalid input field by field', () => {
    const parsed = z.object({ title: z.string().min(1) }).safeParse({ title: '' });
    const result = toolError(parsed.error, logger, 'create_task');
    expect((result.content[0] as { text: string }).text).toMatch(/^Invalid input\. title: /);
    expect(result._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('hides internal failures from the model but logs them', () => {
    lines.length = 0;
    const result = toolError(
      new Error('connection to mongodb://admin:pw@db:27017 lost'),
      logger,
      'list_tasks',
    );
    const text = (result.content[0] as { text: string }).text;
    expect(text).not.toContain('mongodb');
    expect(text).toMatch(/went wrong on our side/);
    expect(result._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'INTERNAL' });
    expect(lines.join('')).toContain('tool failed');
  });
});
