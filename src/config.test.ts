import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a local run', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 3000, mongodbDb: 'focusforge' });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', REDIS_URL: '  ' })).toMatchObject({ mongodbUri: undefined, redisUrl: undefined });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', MONGODB_URI: 'postgres://x', REDIS_URL: 'http://x', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'REDIS_URL', 'NODE_ENV']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:/);
  });

  it('never echoes a secret-bearing value back in its messages', () => {
    try {
      loadConfig({ MONGODB_URI: 'ftp://admin:hunter2@db' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
