import { describe, expect, it } from 'vitest';
import { localModelName, localSizeOf } from './lib/local-model.js';
import { captureModelFailures, isBroken } from './lib/model-failures.js';

describe('--model local', () => {
  it('means the 1.5B model unless a size is named', () => {
    expect(localSizeOf('local')).toBe('1.5b');
    expect(localSizeOf('local:0.5b')).toBe('0.5b');
    expect(localSizeOf('local:1.5B')).toBe('1.5b');
    expect(localModelName('1.5b')).toBe('qwen2.5-coder-1.5b-instruct');
  });

  it('leaves other model names alone and refuses sizes it cannot install', () => {
    expect(localSizeOf('offline')).toBeNull();
    expect(localSizeOf('llama3.1')).toBeNull();
    expect(localSizeOf('localai')).toBeNull();
    expect(() => localSizeOf('local:7b')).toThrow(/unknown local model size "7b"/);
  });
});

describe('model failures read from the app log', () => {
  it('counts the planner and chain fallbacks a turn logged, once each', () => {
    const log = captureModelFailures();
    log.logger.warn({ reason: 'timeout' }, 'planner: LLM failed, answering in basic mode');
    log.logger.warn({ chain: 'breakdown', outcome: 'rejected', steppingDown: true }, 'LLM call failed');
    log.logger.warn({ chain: 'breakdown', outcome: 'unavailable' }, 'LLM call failed');
    log.logger.warn({ chain: 'motivation' }, 'LLM answer did not match its schema; answering in basic mode');
    log.logger.warn({ err: 'x' }, 'redis connection problem');
    const seen = log.take();
    expect(seen).toEqual(['planner:timeout', 'chain:unavailable', 'chain:invalid_output']);
    expect(seen.map(isBroken)).toEqual([true, true, false]);
    expect(log.take()).toEqual([]);
  });
});
