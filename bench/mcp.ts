// MCP tool latency in one run: create_task and list_tasks over stdio (the built `focusforge mcp`) and Streamable
// HTTP (both protocol eras), next to the floor: a raw driver insertOne / find on the same database, the same use
// cases called directly, and through MCP in process. Callers take turns call by call, so every one of them sees the
// same database size and the same machine load. Each caller is its own person with its own tasks.
// It also weighs what a model reads: tools/list as a model sees it (name, description, input schema of each tool)
// and list_tasks for a person with 30 open tasks, in bytes and approximate tokens (bytes / 4, the usual rule of
// thumb for English and JSON with common tokenizers).
// Uses MONGODB_URI / REDIS_URL when set; otherwise starts a throw-away FerretDB and Redis.
import { serve, type ServerType } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTask, listTasks } from '../src/domain/tasks/index.js';
import { createApiToken } from '../src/domain/tokens/api-tokens.js';
import { createUser } from '../src/domain/users/create-user.js';
import { createDeps, type Deps } from '../src/main.js';
import { newId } from '../src/shared/ids.js';
import { connectInProcess } from '../src/tools/index.js';
import { loadConfig } from '../src/config.js';
import { percentile, report, startServices } from './support.js';

const ITERATIONS = Number(process.env.BENCH_MCP_ITERATIONS ?? 200);
const WARMUP = 10;
const LIST = { limit: 25 };

type Caller = {
  label: string;
  create: (i: number) => Promise<unknown>;
  list: () => Promise<unknown>;
  prepare?: () => Promise<unknown>;
  close?: () => Promise<void>;
};

const viaMcp = (label: string, client: Client): Caller => {
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${label} ${name} failed: ${JSON.stringify(result.content)}`);
    return result;
  };
  return {
    label,
    create: (i) => call('create_task', { title: `${label} task ${i}`, priority: 'medium', tags: ['bench'] }),
    list: () => call('list_tasks', LIST),
    prepare: () => client.listTools(), // as hosts do; the client then validates results against the schemas
    close: () => client.close(),
  };
};

/** Runs `step` for every caller in turn, ITERATIONS rounds after WARMUP rounds; milliseconds per caller. */
const interleaved = async (callers: Caller[], step: (c: Caller, i: number) => Promise<unknown>) => {
  const samples = new Map<string, number[]>(callers.map((c) => [c.label, []]));
  for (let round = -WARMUP; round < ITERATIONS; round++) {
    for (const caller of callers) {
      const started = performance.now();
      await step(caller, round + WARMUP);
      if (round >= 0) samples.get(caller.label)!.push(performance.now() - started);
    }
  }
  return samples;
};

/** Rough token count of text a model reads: ~4 bytes per token for English prose and JSON. */
const approxTokens = (bytes: number) => Math.round(bytes / 4);

/** Text a model reads of a tool result: its text parts (hosts hand those to the model; structuredContent mirrors them). */
const textOfResult = (result: Awaited<ReturnType<Client['callTool']>>) =>
  (result.content as { type: string; text?: string }[])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');

const SIZE_TASKS = 30;

/** Bytes and approximate tokens of tools/list (as a model sees it) and of list_tasks with 30 varied open tasks. */
const measureSizes = async (client: Client): Promise<Record<string, number>> => {
  const { tools } = await client.listTools();
  const seen = JSON.stringify(
    tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })),
  );
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < SIZE_TASKS; i++) {
    // A realistic mix: some due at a time with reminders, some due on a day, some tagged, some with estimates.
    const result = await client.callTool({
      name: 'create_task',
      arguments: {
        title: `Sample task number ${i + 1} for the size check`,
        ...(i % 3 === 0 ? { dueAt: `${day(i % 7)}T09:30`, reminders: [15] } : {}),
        ...(i % 3 === 1 ? { dueDate: day((i % 5) + 1) } : {}),
        ...(i % 4 === 0 ? { priority: 'high', tags: ['work'] } : {}),
        ...(i % 2 === 0 ? { estimateMinutes: 25, energy: 'low' } : {}),
      },
    });
    if (result.isError) throw new Error(`size check create_task failed: ${textOfResult(result)}`);
  }
  const listed = await client.callTool({ name: 'list_tasks', arguments: { limit: 50 } });
  if (listed.isError) throw new Error(`size check list_tasks failed: ${textOfResult(listed)}`);
  const listBytes = Buffer.byteLength(textOfResult(listed));
  const toolsBytes = Buffer.byteLength(seen);
  return {
    tools_count: tools.length,
    tools_list_bytes: toolsBytes,
    tools_list_approx_tokens: approxTokens(toolsBytes),
    list_tasks_30_bytes: listBytes,
    list_tasks_30_approx_tokens: approxTokens(listBytes),
  };
};

const newPerson = async (deps: Deps, name: string) => {
  const profile = await createUser(deps.domain, { name, timezone: 'Europe/Berlin' }, 'system');
  const { token } = await createApiToken(deps.domain, { userId: profile.id, via: 'cli' }, { name: 'bench' });
  return { userId: profile.id, token };
};

export const run = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-mcp-'));
  const { mongodbUri, redisUrl, started } = await startServices(dataDir);
  if (!existsSync('dist/cli.js'))
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const dbName = `bench_mcp_${randomBytes(4).toString('hex')}`;
  const deps = await createDeps(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
      MONGODB_DB: dbName,
    }),
  );
  const callers: Caller[] = [];
  let server: ServerType | undefined;
  try {
    // Raw driver: an insert into a side collection, and the list query itself on the tasks collection (the
    // direct caller's tasks), so its floor is measured against the same data the tools read.
    const direct = await newPerson(deps, 'Direct');
    const actor = { userId: direct.userId, via: 'mcp' as const };
    const rawSide = deps.database.db.collection<{ _id: string; userId: string; title: string }>('bench_raw');
    const tasks = deps.database.db.collection('tasks');
    const rawUser = newId('usr');
    callers.push({
      label: 'raw',
      create: (i) => rawSide.insertOne({ _id: newId('task'), userId: rawUser, title: `raw task ${i}` }),
      list: () =>
        tasks
          .find({ userId: direct.userId, deletedAt: null, status: { $in: ['todo', 'in_progress'] } })
          .sort({ dueSortAt: 1, priorityRank: 1, _id: 1 })
          .limit(LIST.limit + 1)
          .toArray(),
    });
    callers.push({
      label: 'direct',
      create: (i) =>
        createTask(deps.domain, actor, { title: `direct task ${i}`, priority: 'medium', tags: ['bench'] }),
      list: () => listTasks(deps.domain, actor, LIST),
    });

    const sized = await newPerson(deps, 'Sizes');
    const sizing = await connectInProcess({
      actor: { userId: sized.userId, via: 'mcp' },
      domain: deps.domain,
      agents: deps.agents,
      memory: deps.memory,
      scheduler: deps.jobs.scheduler,
      logger: deps.logger,
    });
    const sizes = await measureSizes(sizing.client).finally(() => sizing.close());

    const memory = await newPerson(deps, 'Memory');
    const inProcess = await connectInProcess({
      actor: { userId: memory.userId, via: 'mcp' },
      domain: deps.domain,
      agents: deps.agents,
      memory: deps.memory,
      scheduler: deps.jobs.scheduler,
      logger: deps.logger,
    });
    callers.push({ ...viaMcp('memory', inProcess.client), close: inProcess.close });

    // stdio: the built CLI, exactly what Claude Desktop launches.
    const stdio = new Client({ name: 'bench', version: '1' });
    await stdio.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['dist/cli.js', 'mcp'],
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          MONGODB_URI: mongodbUri,
          REDIS_URL: redisUrl,
          MONGODB_DB: dbName,
          LOG_LEVEL: 'warn',
          FOCUSFORGE_TOKEN: (await newPerson(deps, 'Stdio')).token,
        },
      }),
    );
    callers.push(viaMcp('stdio', stdio));

    // Streamable HTTP on a real socket: 2025-11-25 (what most hosts speak today) and 2026-07-28.
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: deps.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
    for (const [label, options] of [
      ['http', {}],
      ['http_modern', { versionNegotiation: { mode: 'auto' as const } }],
    ] as const) {
      const client = new Client({ name: 'bench', version: '1' }, options);
      const { token } = await newPerson(deps, label);
      await client.connect(
        new StreamableHTTPClientTransport(url, {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      callers.push(viaMcp(label, client));
    }
    for (const caller of callers) await caller.prepare?.();

    const creates = await interleaved(callers, (c, i) => c.create(i));
    const lists = await interleaved(callers, (c) => c.list());
    const results: Record<string, number> = { ...sizes };
    for (const { label } of callers) {
      const name = (tool: string) =>
        label === 'raw' ? `raw_${tool === 'create_task' ? 'insert' : 'find'}` : `${tool}_${label}`;
      results[`${name('create_task')}_p50_ms`] = percentile(creates.get(label)!, 50);
      results[`${name('create_task')}_p99_ms`] = percentile(creates.get(label)!, 99);
      results[`${name('list_tasks')}_p50_ms`] = percentile(lists.get(label)!, 50);
      results[`${name('list_tasks')}_p99_ms`] = percentile(lists.get(label)!, 99);
    }
    results.iterations = ITERATIONS;
    results.tasks_per_person_when_listing = ITERATIONS + WARMUP;
    await report('mcp', results);
  } finally {
    for (const caller of callers) await caller.close?.().catch(() => undefined);
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await deps.database.db.dropDatabase().catch(() => undefined);
    await deps.close();
    for (const service of started) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
