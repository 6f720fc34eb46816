import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ferretDb, freePort, redisServer, type LocalService } from '../src/dev/local-services.js';
import { runCli, spawnCli, waitForStatus, type CliProcess } from './support/spawn-cli.js';

// This file runs its own FerretDB and Redis so that it can stop and restart them under a running server.
const config = loadConfig({ NODE_ENV: 'test' });
let dataDir: string;
let mongo: LocalService;
let redis: LocalService;
let server: CliProcess | undefined;
let env: Record<string, string>;
let base: string;
const METRICS_TOKEN = 'cli-ready-metrics-token-000000';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'focusforge-ready-'));
  mongo = await ferretDb(config.ferretdbBin, { dataDir });
  redis = await redisServer(config.redisServerBin, { dataDir });
  await Promise.all([mongo.start(), redis.start()]);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
    MONGODB_DB: 'cli_ready',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    METRICS_TOKEN,
  };
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([mongo?.stop(), redis?.stop()]);
  await rm(dataDir, { recursive: true, force: true });
});

const api = (token: string, path: string) =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  }));

describe('the focusforge CLI and a running server', () => {
  let token = '';

  it('creates a user and a token that the served API accepts', async () => {
    const created = await runCli(
      ['users', 'create', '--name', 'Ada Lovelace', '--timezone', 'Europe/London'],
      env,
    );
    expect(created.code).toBe(0);
    const userId = created.output.match(/id: (usr_\w+)/)?.[1];
    expect(userId).toBeDefined();

    const issued = await runCli(['tokens', 'create', '--user', userId!], env);
    expect(issued.code).toBe(0);
    token = issued.output.match(/(ff_[A-Za-z0-9_-]{43})/)?.[1] ?? '';
    expect(token).not.toBe('');

    server = spawnCli(['serve'], env);
    expect(await waitForStatus(`${base}/health`, (s) => s === 200)).toBe(200);
    const me = await api(token, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: userId, name: 'Ada Lovelace', timezone: 'Europe/London' });
  });

  it('reports 503 from /ready while MongoDB is down, keeps running, and recovers', async () => {
    expect(await waitForStatus(`${base}/ready`, (s) => s === 200)).toBe(200);
    await mongo.stop();
    expect(await waitForStatus(`${base}/ready`, (s) => s === 503)).toBe(503);
    const ready = (await (await fetch(`${base}/ready`)).json()) as { checks: Record<string, string> };
    expect(ready.checks).toMatchObject({ mongodb: 'down', redis: 'up' });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await mongo.start();
    expect(await waitForStatus(`${base}/ready`, (s) => s === 200, 30_000)).toBe(200);
    expect((await api(token, '/api/v1/me')).status).toBe(200);
  });

  it('reports 503 from /ready while Redis is down, keeps running, and recovers', async () => {
    await redis.stop();
    expect(await waitForStatus(`${base}/ready`, (s) => s === 503)).toBe(503);
    const ready = (await (await fetch(`${base}/ready`)).json()) as { checks: Record<string, string> };
    expect(ready.checks).toMatchObject({ mongodb: 'up', redis: 'down' });
    expect((await api(token, '/api/v1/me')).status).toBe(200);
    await redis.start();
    expect(await waitForStatus(`${base}/ready`, (s) => s === 200, 30_000)).toBe(200);
    expect(server?.child.exitCode).toBeNull();
  });

  it('serves Prometheus metrics to the metrics token', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const text = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(text).toContain('focusforge_http_request_duration_seconds_bucket');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('revokes a token so the API refuses it', async () => {
    const revoked = await runCli(['tokens', 'revoke', '--token', token], env);
    expect(revoked.code).toBe(0);
    expect((await api(token, '/api/v1/me')).status).toBe(401);
  });

  it('refuses to start with bad configuration and names every problem', async () => {
    const result = await runCli(['serve'], { PORT: 'eighty', MONGODB_URI: 'http://db', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    expect(result.output).toContain('PORT');
    expect(result.output).toContain('MONGODB_URI');
    expect(result.output).toContain('LOG_LEVEL');
  });

  it('prints usage for an unknown command', async () => {
    const result = await runCli(['juggle'], env);
    expect(result.code).toBe(2);
    expect(result.output).toContain('Usage:');
  });
});
