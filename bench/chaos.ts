// Chaos: REST, MCP and chat traffic against a real `focusforge serve` process while the bench's own FerretDB and
// Redis are frozen (SIGSTOP/SIGCONT) and killed (-9) and restarted on the same data directory. Every write the server
// acknowledged is then looked up in the database: none may be missing, none may be there twice. Also reported:
// requests sent, 5xx outside the outage windows, requests that took over 8 s, the time to recover after each fault,
// and writes that were refused ("try again") but landed anyway once the database woke up.
//   BENCH_CHAOS_FREEZE_S (6) how long each freeze lasts; BENCH_CHAOS_MAX_REQUESTS (6000) a cap on requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../src/config.js';
import { ferretDb, redisServer, type LocalService } from '../src/dev/local-services.js';
import { report } from './support.js';

const FREEZE_MS = Number(process.env.BENCH_CHAOS_FREEZE_S ?? 6) * 1000;
const MAX_REQUESTS = Number(process.env.BENCH_CHAOS_MAX_REQUESTS ?? 6_000);
const PORT = 3103; // this bench's own port: loopback only
const BASE = `http://127.0.0.1:${PORT}`;
const DB_NAME = 'chaos';
const SLOW_MS = 8_000;

type Sample = { kind: string; start: number; end: number; status: number; detail?: string };
type Window = { name: string; start: number; end: number };

/** Letters only: the offline brain reads digits in a chat message as times and dates. */
const code = (n: number) => {
  let out = '';
  for (let v = n + 26 * 26; v > 0; v = Math.floor(v / 26)) out = String.fromCharCode(97 + (v % 26)) + out;
  return `zq${out}`;
};

const cli = (args: string[], env: Record<string, string>) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (status) => (status === 0 ? resolve(output) : reject(new Error(output))));
  });

export const run = async (): Promise<void> => {
  const base = loadConfig({ NODE_ENV: 'test' });
  const dataDir = await mkdtemp(join(tmpdir(), 'focusforge-bench-chaos-'));
  const mongo = await ferretDb(base.ferretdbBin, { dataDir });
  const redis = await redisServer(base.redisServerBin, { dataDir, persistent: true });
  await Promise.all([mongo.start(), redis.start()]);
  const env = {
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
    MONGODB_DB: DB_NAME,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'fatal',
    PORT: String(PORT),
    JOBS_PREFIX: 'chaos',
    WIDGET_SECRET: randomBytes(32).toString('base64url'),
    CHAT_RATE_LIMIT_IP: '1000000',
    CHAT_RATE_LIMIT_MESSAGES: '100000',
  };
  let server: ChildProcess | undefined;
  try {
    const userId = /id: (usr_\w+)/.exec(await cli(['users', 'create', '--name', 'Chaos Monkey'], env))?.[1];
    const token = /(ff_[A-Za-z0-9_-]{43})/.exec(await cli(['tokens', 'create', '--user', userId!], env))?.[1];
    if (!token) throw new Error('could not create an API token');
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (
      let i = 0;
      (await fetch(`${BASE}/health`).then(
        (r) => r.status,
        () => 0,
      )) !== 200;
      i++
    ) {
      if (i > 300 || server.exitCode !== null) throw new Error('the server did not start');
      await sleep(200);
    }
    const results = await chaos(token, mongo, redis);
    await report('chaos', results);
  } finally {
    server?.kill('SIGTERM');
    if (server && server.exitCode === null) await new Promise((resolve) => server!.once('exit', resolve));
    mongo.signal('SIGCONT');
    redis.signal('SIGCONT');
    await Promise.all([mongo.stop(), redis.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
};

const chaos = async (token: string, mongo: LocalService, redis: LocalService) => {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const samples: Sample[] = [];
  const acked = new Map<string, 'rest' | 'mcp' | 'chat'>(); // title (or chat code) -> source
  const refused = new Set<string>(); // writes answered with an error: "nothing was lost, try again"
  const unconfirmed: string[] = []; // chat replies that neither failed nor confirmed the task
  let sent = 0;
  let detail = ''; // what the last failed call said, for the log of failures outside the outages
  let running = true;
  const time = async (kind: string, call: (signal: AbortSignal) => Promise<number>) => {
    const start = Date.now();
    sent++;
    const status = await call(AbortSignal.timeout(15_000)).catch(() => 599);
    samples.push({ kind, start, end: Date.now(), status, ...(detail ? { detail } : {}) });
    detail = '';
    return status;
  };

  const statusOf = (res: Response) => res.arrayBuffer().then(() => res.status);
  const probeTask = (await (
    await fetch(`${BASE}/api/v1/tasks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'probe' }),
    })
  ).json()) as { id: string };

  // REST: each create has a unique title; a refused one is never retried (the API has no idempotency key).
  let restN = 0;
  const restLoop = async () => {
    while (running && sent < MAX_REQUESTS) {
      const title = `chaos-rest-${restN++}`;
      const status = await time('rest create', async (signal) => {
        const res = await fetch(`${BASE}/api/v1/tasks`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ title }),
          signal,
        });
        await res.arrayBuffer();
        return res.status;
      });
      if (status === 201) acked.set(title, 'rest');
      else refused.add(title);
      await time('rest list', async (signal) =>
        statusOf(await fetch(`${BASE}/api/v1/tasks?limit=5`, { headers: auth, signal })),
      );
    }
  };

  // MCP: create_task through the real SDK client; a broken session is replaced.
  let mcpN = 0;
  const connectMcp = async () => {
    const client = new Client({ name: 'chaos', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  };
  const mcpLoop = async () => {
    let client: Client | undefined;
    while (running && sent < MAX_REQUESTS) {
      const title = `chaos-mcp-${mcpN++}`;
      const status = await time('mcp create_task', async (signal) => {
        try {
          client ??= await connectMcp();
          const result = await client.callTool(
            { name: 'create_task', arguments: { title } },
            { signal, timeout: 15_000 },
          );
          return result.isError ? 503 : 200;
        } catch (error) {
          await client?.close().catch(() => undefined);
          client = undefined;
          return (error as { status?: number }).status ?? 503;
        }
      });
      if (status === 200) acked.set(title, 'mcp');
      else refused.add(title);
    }
    await client?.close().catch(() => undefined);
  };

  // Chat: a new widget identity per loop; a failed message is re-sent unchanged (same messageId), as the widget does.
  let chatN = 0;
  const chatLoop = async () => {
    let widget: string | undefined;
    while (running && sent < MAX_REQUESTS) {
      const id = code(chatN++);
      for (let attempt = 0; attempt < 3 && running; attempt++) {
        let failed = true;
        let reply = '';
        await time('chat message', async (signal) => {
          if (!widget) {
            const session = await fetch(`${BASE}/chat/session`, { method: 'POST', signal });
            if (session.status !== 200) return session.status;
            widget = ((await session.json()) as { token: string }).token;
          }
          const res = await fetch(`${BASE}/chat/messages`, {
            method: 'POST',
            signal,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${widget}` },
            body: JSON.stringify({
              messageId: `m-${id}`,
              message: { text: `remind me to file report ${id} tomorrow at 5pm` },
            }),
          });
          const text = await res.text();
          failed = res.status !== 200 || text.includes('"type":"error"');
          if (failed) detail = /"errorText":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 160);
          reply = [...text.matchAll(/"delta":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
          return failed ? Math.max(res.status, 503) : 200;
        });
        // Acknowledged: the reply names the new task. Any other answer (e.g. "I lost track of that message, could
        // you send it again?") acknowledges nothing.
        if (!failed && reply.toLowerCase().includes(id)) {
          acked.set(id, 'chat');
          refused.delete(id);
          break;
        }
        if (!failed) {
          unconfirmed.push(`${id}: ${reply.slice(0, 160)}`);
          break;
        }
        refused.add(id);
        await sleep(1_000);
      }
    }
  };

  /** Until a read and a queue write both succeed again: the service has recovered (or a minute has passed). */
  const recovered = async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const signal = AbortSignal.timeout(5_000);
      const me = await fetch(`${BASE}/api/v1/me`, { headers: auth, signal }).then(statusOf, () => 0);
      const snooze = await fetch(`${BASE}/api/v1/tasks/${probeTask.id}/snooze`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ minutes: 30 }),
        signal,
      }).then(statusOf, () => 0);
      if (me === 200 && snooze === 200) return Date.now();
      await sleep(100);
    }
    throw new Error('the service did not recover within a minute of the fault ending');
  };

  const windows: Window[] = [];
  const fault = async (name: string, inject: () => Promise<void>, heal: () => Promise<void>) => {
    const start = Date.now();
    await inject();
    await sleep(FREEZE_MS);
    const healedAt = Date.now();
    await heal();
    const end = await recovered();
    windows.push({ name, start, end });
    return { [`${name}_recover_ms`]: end - healedAt };
  };
  const killAndRestart = (service: LocalService) => async () => {
    service.signal('SIGKILL');
    for (let i = 0; i < 50 && service.isRunning(); i++) await sleep(100);
  };

  const loops = [restLoop(), restLoop(), mcpLoop(), mcpLoop(), chatLoop(), chatLoop()];
  const started = Date.now();
  await sleep(5_000);
  const recovery = {
    ...(await fault(
      'redis_freeze',
      async () => void redis.signal('SIGSTOP'),
      async () => void redis.signal('SIGCONT'),
    )),
  };
  await sleep(4_000);
  Object.assign(
    recovery,
    await fault(
      'mongodb_freeze',
      async () => void mongo.signal('SIGSTOP'),
      async () => void mongo.signal('SIGCONT'),
    ),
  );
  await sleep(4_000);
  Object.assign(recovery, await fault('redis_kill', killAndRestart(redis), () => redis.start()));
  await sleep(4_000);
  Object.assign(recovery, await fault('mongodb_kill', killAndRestart(mongo), () => mongo.start()));
  await sleep(4_000);
  running = false;
  await Promise.all(loops);
  const elapsedS = (Date.now() - started) / 1000;
  await sleep(2_000); // writes the database took late (after a freeze) have landed by now

  const client = new MongoClient(mongo.url);
  try {
    const tasks = await client
      .db(DB_NAME)
      .collection<{ title: string }>('tasks')
      .find({ deletedAt: null }, { projection: { title: 1 } })
      .toArray();
    const counts = new Map<string, number>();
    const chatCode = /\bzq[a-z]+\b/i;
    for (const { title } of tasks) {
      const key = title.startsWith('chaos-') ? title : (chatCode.exec(title)?.[0]?.toLowerCase() ?? title);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const lost = [...acked.keys()].filter((key) => !counts.has(key));
    const duplicates = [...counts].filter(([key, n]) => n > 1 && (acked.has(key) || refused.has(key)));
    const appliedAnyway = [...refused].filter((key) => !acked.has(key) && counts.has(key));
    if (lost.length) console.log('lost:', lost.slice(0, 20));
    for (const line of unconfirmed.slice(0, 5)) console.log(`chat reply without a confirmation: ${line}`);
    if (duplicates.length) console.log('duplicates:', duplicates.slice(0, 20));
    const overlaps = (s: Sample) => windows.some((w) => s.start <= w.end && s.end >= w.start);
    const at = (t: number) => `${((t - started) / 1000).toFixed(1)} s`;
    for (const w of windows) console.log(`outage ${w.name}: ${at(w.start)} to ${at(w.end)}`);
    for (const s of samples.filter((x) => (x.status >= 500 && !overlaps(x)) || x.end - x.start > SLOW_MS))
      console.log(
        `${s.kind}: ${s.status} after ${s.end - s.start} ms, sent at ${at(s.start)} ${s.detail ?? ''}`,
      );
    const bySource = (source: string) => [...acked.values()].filter((s) => s === source).length;
    return {
      requests_sent: sent,
      duration_s: elapsedS,
      acknowledged_writes: acked.size,
      acknowledged_rest: bySource('rest'),
      acknowledged_mcp: bySource('mcp'),
      acknowledged_chat: bySource('chat'),
      acknowledged_writes_lost: lost.length,
      duplicates: duplicates.length,
      refused_writes: [...refused].filter((key) => !acked.has(key)).length,
      chat_replies_without_confirmation: unconfirmed.length,
      refused_writes_applied_anyway: appliedAnyway.length,
      errors_5xx_inside_outages: samples.filter((s) => s.status >= 500 && overlaps(s)).length,
      errors_5xx_outside_outages: samples.filter((s) => s.status >= 500 && !overlaps(s)).length,
      requests_over_8s: samples.filter((s) => s.end - s.start > SLOW_MS).length,
      slowest_request_ms: Math.max(...samples.map((s) => s.end - s.start)),
      ...recovery,
    };
  } finally {
    await client.close();
  }
};
