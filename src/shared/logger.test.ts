import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.js';

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
};

describe('logger', () => {
  it('writes JSON lines and redacts tokens, authorization headers and passwords', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info(
      {
        token: 'ff_secret',
        req: { headers: { authorization: 'Bearer ff_secret' } },
        user: { password: 'pw' },
      },
      'hello',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry.msg).toBe('hello');
    expect(lines[0]).not.toContain('ff_secret');
    expect(lines[0]).not.toContain('"pw"');
  });

  it('hides the password of a connection string', () => {
    expect(redactUrl('mongodb://app:s3cret@db:27017/x')).toBe('mongodb://app:***@db:27017/x');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
