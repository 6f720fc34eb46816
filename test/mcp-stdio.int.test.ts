import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/tools/index.js';
import { callOk, expectToolError, tourAllTools } from './support/mcp-harness.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

// Spawns the built CLI exactly as Claude Desktop or Cursor would: `node dist/cli.js mcp` (`npm test` builds first).
const env = useTestEnv();
const clients: Client[] = [];

beforeAll(() => {
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
});

const childEnv = (token: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  MONGODB_URI: env().config.mongodbUri!,
  REDIS_URL: env().config.redisUrl!,
  MONGODB_DB: env().config.mongodbDb,
  LOG_LEVEL: 'warn',
  FOCUSFORGE_TOKEN: token,
});

const connect = async (user: TestUser, era: 'legacy' | 'modern') => {
  const client = new Client(
    { name: 'stdio-test', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['dist/cli.js', 'mcp'],
      env: childEnv(user.token),
      stderr: 'pipe',
    }),
  );
  clients.push(client);
  return client;
};

/** Runs `focusforge mcp`, writes `lines` to its stdin, closes it, and collects what it printed and its exit code. */
const runRaw = (token: string, lines: unknown[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', 'mcp'], {
      env: childEnv(token),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`focusforge mcp did not exit after stdin closed\nstderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Close stdin once every request has been answered, as a host does when it quits.
      const answered = stdout.split('\n').filter((l) => l.includes('"id"')).length;
      if (answered >= lines.filter((l) => (l as { id?: unknown }).id !== undefined).length) child.stdin.end();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    for (const line of lines) child.stdin.write(`${JSON.stringify(line)}\n`);
    if (lines.length === 0) child.stdin.end();
  });

describe('focusforge mcp (stdio)', () => {
  it.each(['legacy', 'modern'] as const)(
    'serves the %s protocol era: lists and calls every tool',
    async (era) => {
      const user = await env().newUser('Sam', 'Europe/Lisbon');
      const client = await connect(user, era);
      expect(client.getProtocolEra()).toBe(era);
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(
        tools.map((t) => t.name).sort(),
      );
      expect((await client.listResources()).resources.length).toBeGreaterThan(0);
      await client.listPrompts();
      const called = await tourAllTools(client);
      expect([...called].sort()).toEqual(tools.map((t) => t.name).sort());
      expect((await callOk(client, 'get_profile')).id).toBe(user.userId);
    },
  );

  it("acts only as FOCUSFORGE_TOKEN's owner: another person's task id is not found", async () => {
    const adaUser = await env().newUser('Ada');
    const ada = await connect(adaUser, 'legacy');
    const task = await callOk(ada, 'create_task', { title: 'Ada only' });
    const bob = await connect(await env().newUser('Bob'), 'legacy');
    const refused = await bob.callTool({
      name: 'update_task',
      arguments: { taskId: task.id, changes: { title: 'x' } },
    });
    expect(expectToolError(refused)).toMatch(/couldn't find that task/);
    expect((await callOk(ada, 'get_task', { taskId: task.id })).title).toBe('Ada only');
  });

  it('writes nothing but JSON-RPC to stdout and exits cleanly when stdin closes', async () => {
    const user = await env().newUser();
    const { code, stdout } = await runRaw(user.token, [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_profile', arguments: {} } },
    ]);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines[1]!).result.structuredContent.id).toBe(user.userId);
    expect(code).toBe(0);
  });

  it('refuses to start with a wrong token, explaining on stderr and printing nothing on stdout', async () => {
    const { code, stdout, stderr } = await runRaw(`ff_${'y'.repeat(43)}`, []);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/FOCUSFORGE_TOKEN is not a valid token/);
  });
});
