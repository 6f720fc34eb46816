import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isDependencyOutage } from './dependency-errors.js';
import { AppError, toAppError } from './errors.js';

describe('isDependencyOutage', () => {
  it('recognises a frozen or unreachable MongoDB, also when wrapped', () => {
    const frozen = new MongoNetworkTimeoutError('connection 7 to 127.0.0.1:27017 timed out');
    expect(isDependencyOutage(frozen)).toBe(true);
    expect(isDependencyOutage(new MongoNetworkError('read ECONNRESET'))).toBe(true);
    expect(isDependencyOutage(new Error('graph node failed', { cause: frozen }))).toBe(true);
  });

  it('recognises what ioredis and BullMQ throw while Redis is frozen or restarting', () => {
    expect(isDependencyOutage(new Error('Command timed out'))).toBe(true);
    expect(
      isDependencyOutage(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe(true);
    expect(
      isDependencyOutage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
  });

  it('leaves real bugs and server-side refusals alone', () => {
    expect(isDependencyOutage(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyOutage(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(
      false,
    );
    expect(isDependencyOutage('Command timed out')).toBe(false);
  });
});

describe('toAppError', () => {
  it('answers an outage with a retryable UNAVAILABLE (503) that says nothing was lost', () => {
    const error = toAppError(new Error('Command timed out'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503, retryable: true });
    expect(error.userMessage).toMatch(/Nothing was lost; please try again/);
    expect(toAppError(new TypeError('x is undefined')).code).toBe('INTERNAL');
  });
});
