import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { fixedClock } from '../../shared/index.js';
import { costFor, priceFor } from '../usage/pricing.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { classifyFailure, errorKindOf } from './failures.js';
import { extractJson } from './json-text.js';

describe('LLM configuration', () => {
  it('is off (basic mode) without a base URL or key', () => {
    expect(loadConfig({}).llm).toMatchObject({ enabled: false });
  });

  it('reads an OpenAI-compatible endpoint, per-chain models and prices', () => {
    const { llm } = loadConfig({
      LLM_BASE_URL: 'http://localhost:11434/v1',
      LLM_MODEL: 'llama3.1',
      LLM_MODEL_PROOF: 'llava',
      LLM_PRICES: 'llama3.1=0:0,gpt-4o-mini=0.00015:0.0006',
      LLM_TIMEOUT_MS: '5000',
    });
    expect(llm).toMatchObject({
      enabled: true,
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1',
      models: { proof: 'llava' },
      timeoutMs: 5000,
      maxRetries: 2,
      structuredOutput: 'auto',
    });
    expect(llm.prices['gpt-4o-mini']).toEqual({ inputPer1k: 0.00015, outputPer1k: 0.0006 });
  });

  it('asks for a model name with a custom base URL, and never echoes the key', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'http://localhost:1234/v1' })).toThrow(/LLM_MODEL/);
    try {
      loadConfig({ LLM_API_KEY: 'sk-very-secret', LLM_PRICES: 'nonsense', LLM_TIMEOUT_MS: 'soon' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/LLM_PRICES/);
      expect((error as Error).message).not.toContain('sk-very-secret');
    }
  });
});

describe('provider helpers', () => {
  it('finds JSON in plain, fenced and chatty answers', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Sure!\n```json\n{"a":2}\n```\nAnything else?')).toEqual({ a: 2 });
    expect(extractJson('Here you go: {"a":3} hope it helps')).toEqual({ a: 3 });
    expect(extractJson('no json here')).toBeUndefined();
  });

  it('classifies failures into fallback reasons', () => {
    expect(classifyFailure(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(classifyFailure(Object.assign(new Error('x'), { status: 429 }))).toBe('rate_limited');
    expect(classifyFailure(Object.assign(new Error('x'), { status: 401 }))).toBe('rejected');
    expect(classifyFailure(Object.assign(new Error('x'), { status: 503 }))).toBe('unavailable');
    expect(classifyFailure(new SyntaxError('Unexpected end of JSON input'))).toBe('invalid_output');
  });

  it('names the kind of a failure for /metrics: timeout, HTTP status class, parse, network', () => {
    expect(errorKindOf(new DOMException('slow', 'TimeoutError'))).toBe('timeout');
    expect(errorKindOf(Object.assign(new Error('x'), { status: 429 }))).toBe('http_4xx');
    expect(errorKindOf(Object.assign(new Error('x'), { status: 400 }))).toBe('http_4xx');
    expect(errorKindOf(Object.assign(new Error('x'), { status: 502 }))).toBe('http_5xx');
    expect(errorKindOf(new SyntaxError('Unexpected token'))).toBe('parse');
    expect(errorKindOf(new TypeError('fetch failed'))).toBe('network');
  });

  it('prices calls per model', () => {
    const config = {
      defaultPrice: { inputPer1k: 0.001, outputPer1k: 0.002 },
      prices: { big: { inputPer1k: 0.01, outputPer1k: 0.03 } },
    };
    expect(costFor(priceFor(config, 'big'), { inputTokens: 2000, outputTokens: 500 })).toBe(0.035);
    expect(costFor(priceFor(config, 'other'), { inputTokens: 1000, outputTokens: 1000 })).toBe(0.003);
  });

  it('opens the circuit after repeated failures, then lets one trial through after the cool-down', () => {
    const clock = fixedClock('2025-01-01T00:00:00Z');
    const breaker = createCircuitBreaker(clock, { failureThreshold: 2, cooldownMs: 10_000 });
    breaker.recordFailure();
    expect(breaker.canCall()).toBe(true);
    breaker.recordFailure();
    expect(breaker.canCall()).toBe(false);
    clock.advance(10_000);
    expect(breaker.canCall()).toBe(true);
    expect(breaker.canCall()).toBe(false); // one trial at a time
    breaker.recordSuccess();
    expect(breaker.canCall()).toBe(true);
  });

  it('lets the next call try when a trial ended without an answer either way (the person stopped it)', () => {
    const clock = fixedClock('2025-01-01T00:00:00Z');
    const breaker = createCircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 10_000 });
    breaker.recordFailure();
    clock.advance(10_000);
    expect(breaker.canCall()).toBe(true);
    expect(breaker.canCall()).toBe(false);
    breaker.release();
    expect(breaker.canCall()).toBe(true);
  });
});
