import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context.js';
import { loadConfig } from '../../src/config.js';
import { createApiToken } from '../../src/domain/tokens/api-tokens.js';
import { createUser } from '../../src/domain/users/create-user.js';
import { createDeps, type Deps, type DepsOverrides } from '../../src/main.js';

export type TestUser = { userId: string; token: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary JSON shapes
export type TestResponse = { status: number; headers: Headers; body: any };

export type TestEnv = Deps & {
  /** A new user with a fresh API token. */
  newUser: (name?: string, timezone?: string) => Promise<TestUser>;
  /** `app.request` with the user's bearer token and a JSON body; the reply's JSON (or text) as `body`. */
  call: (user: TestUser | null, method: string, path: string, body?: unknown) => Promise<TestResponse>;
};

/** Builds the real app over a fresh database (and the shared test Redis) for one test file. */
export const createTestEnv = async (
  overrides: DepsOverrides = {},
  env: Record<string, string> = {},
): Promise<TestEnv> => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: inject('mongodbUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: `fftest_${randomBytes(6).toString('hex')}`,
    MEMORY_INDEX_DIR: join(tmpdir(), `focusforge-test-index-${randomBytes(6).toString('hex')}`),
    // Jobs a test schedules stay in its own queues, out of every other file's (and any spawned server's) way.
    JOBS_PREFIX: `fftest${randomBytes(4).toString('hex')}`,
    ...env,
  });
  const deps = await createDeps(config, overrides);
  const close = async () => {
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    await rm(config.memoryIndexDir, { recursive: true, force: true });
  };
  return {
    ...deps,
    close,
    newUser: async (name = 'Test Person', timezone = 'UTC') => {
      const profile = await createUser(deps.domain, { name, timezone }, 'system');
      const { token } = await createApiToken(
        deps.domain,
        { userId: profile.id, via: 'cli' },
        { name: 'test' },
      );
      return { userId: profile.id, token };
    },
    call: async (user, method, path, body) => {
      const res = await deps.app.request(path, {
        method,
        headers: {
          ...(user ? { authorization: `Bearer ${user.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      const isJson = res.headers.get('content-type')?.includes('json') ?? false;
      return { status: res.status, headers: res.headers, body: isJson && text ? JSON.parse(text) : text };
    },
  };
};

/** One TestEnv per test file, closed (and its database dropped) after the file. */
export const useTestEnv = (overrides: DepsOverrides = {}): (() => TestEnv) => {
  let env: TestEnv | undefined;
  beforeAll(async () => {
    env = await createTestEnv(overrides);
  });
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('test env is not ready (use it inside a test or hook)');
    return env;
  };
};
